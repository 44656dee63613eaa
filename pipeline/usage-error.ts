/** An error in how the tool was called (exit code 2), as opposed to a problem with the input. */
export class UsageError extends Error {}
