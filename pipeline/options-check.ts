import type { BuildOptions } from './options.js';
import { UsageError } from './usage-error.js';

/**
 * Checks a library caller's options before anything is read or written.
 * A JavaScript caller has no type declarations to stop it: a string where
 * paths are expected was read letter by letter (an absolute path's first
 * "input" was `/`, the whole disk), a misspelt option was ignored and the
 * book built without it, a number for a path crashed with a stack trace.
 * Values the configuration also takes (`title`, `language`, `order`,
 * `page`) are checked as the configuration's are, later, and reported.
 */

/** What a valid value is, said in the error; undefined means the value is fine. */
type Check = (value: unknown) => string | undefined;

const strings: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'an array of strings');
const string: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
// Infinity is no limit (the CLI's `--max-file-size 1e400`).
const bytes: Check = (v) => (typeof v === 'number' && v >= 0 ? undefined : 'a number of bytes (0 or more)');
const any: Check = () => undefined;

/** One check per option: the compiler keeps this list and BuildOptions the same. */
const CHECKS: Record<keyof BuildOptions, Check> = {
  inputs: (v) => (typeof v === 'string' ? 'an array of paths (one path is `[path]`)' : strings(v) && 'an array of paths'),
  outDir: string,
  formats: (v) => strings(v) && 'an array of format names',
  config: string,
  title: any,
  language: any,
  order: any,
  page: any,
  templates: string,
  strict: boolean,
  keepGoing: boolean,
  maxFileBytes: bytes,
  spillBytes: bytes,
  cache: (v) => (typeof v === 'boolean' || typeof v === 'string' ? undefined : 'true, false or a folder'),
  cwd: string,
  env: (v) => (typeof v === 'object' && v !== null ? undefined : 'an object (such as process.env)'),
  onProgress: (v) => (typeof v === 'function' ? undefined : 'a function'),
};

/** Throws a {@link UsageError} naming the first option that is unknown or of the wrong type; undefined values are defaults. */
export function checkOptions(opts: unknown): asserts opts is BuildOptions | undefined {
  if (opts === undefined) return;
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new UsageError('buildAnthology: options must be an object');
  for (const [key, value] of Object.entries(opts)) {
    if (!Object.hasOwn(CHECKS, key)) throw new UsageError(`buildAnthology: Unknown option "${key}" (known: ${Object.keys(CHECKS).join(', ')})`);
    const wanted = value === undefined ? undefined : CHECKS[key as keyof BuildOptions](value);
    if (wanted) throw new UsageError(`buildAnthology: ${key} must be ${wanted}`);
  }
}
