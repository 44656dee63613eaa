import type { Diagnostic } from '../model.js';
import { makeReport } from '../report/index.js';

/** Whether the command line asked for JSON, read from the words as given: a line yargs could not parse has no parsed options. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--json' || a === '--json=true');
}

/**
 * What `--json` prints for a command line that cannot be understood (an
 * unknown option, a value not among the choices, no command): the document
 * the command prints, empty but for one `cli/usage` error, so that a CI
 * step reading stdout as JSON finds JSON and the reason, not an empty
 * file. The command is the first word that is not an option; without one,
 * the build's report. Undefined without `--json`.
 */
export function usageDocument(argv: readonly string[], message: string): unknown {
  return wantsJson(argv) ? usageDocumentOf(argv.find((a) => !a.startsWith('-')), message) : undefined;
}

/** The JSON document `command` prints, empty but for one `cli/usage` error: the build's report for a command it does not know. */
export function usageDocumentOf(command: string | undefined, message: string): object {
  const diagnostics: Diagnostic[] = [{ code: 'cli/usage', severity: 'error', message }];
  switch (command) {
    case 'lint':
      return diagnostics;
    case 'inspect':
      return { stories: [], diagnostics };
    case 'init':
      return { file: null, stories: [], diagnostics };
    default:
      return makeReport(null, [], diagnostics);
  }
}
