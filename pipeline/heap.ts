import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets its heap grow past what was live at its last full
 * collection before it collects again, in percent: 50 makes it 1.5 times.
 *
 * Left to itself, V8 picks up to 4 times when collecting is cheap next to
 * the work, as it is while a book is set: a big book's heap then grew to
 * several times what was live, and peak memory with the number of stories
 * (10,000 stories: 383–434 MB; at 1.5 times 327–336 MB, 1,000 stories 182–195
 * MB instead of 206–213). A full collection then comes two or three times as
 * often, a fraction of a percent of a build's time.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Whether the process was started with its own choice about V8's heap growth, which is then left alone. */
const OWN_CHOICE = /^--(?:heap-growing-percent|optimize-for-size|no-optimize-for-size)(?:=|$)/u;

/**
 * Sets V8's heap growth for the rest of this process (see
 * {@link HEAP_GROWING_PERCENT}), unless it was started with its own
 * setting. The command line calls it first thing; a program that builds
 * big books with `buildAnthology` may call it too. Returns whether it set it.
 */
export function tuneHeap(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): boolean {
  if (execArgv.some((a) => OWN_CHOICE.test(a))) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
