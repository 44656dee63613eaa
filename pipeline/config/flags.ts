import { configSchema } from './schema.js';

/** The book-level settings a command line (or a program calling `buildAnthology`) may give. */
export interface MetaFlags {
  title?: string | undefined;
  language?: string | undefined;
  order?: string | undefined;
  page?: string | undefined;
}

/** The flag each setting comes from, for messages in the editor's words. */
const FLAG = { title: '--title', language: '--language', order: '--order', page: '--page' } as const;

/**
 * Checks settings given as flags by the rules anthology.yaml's keys follow
 * (a flag wins over the file, so it must be held to the same rules: an
 * empty title or `en_US` would otherwise reach the book, or crash it).
 * Returns the settings as the file's would be read (trimmed), or the
 * problems, one line each.
 */
export function checkFlags(flags: MetaFlags): { flags: MetaFlags; problems: string[] } {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const parsed = configSchema.pick({ title: true, language: true, order: true, page: true }).safeParse(given);
  if (parsed.success) return { flags: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((i) => {
    const key = String(i.path[0]) as keyof typeof FLAG;
    return `${FLAG[key] ?? key} ${JSON.stringify(given[key])}: ${i.message}`;
  });
  return { flags, problems };
}

/**
 * SOURCE_DATE_EPOCH, when set, must be whole seconds since 1970 giving a
 * date a book can carry (years up to 9999): the reproducible-builds
 * convention is to stop on a malformed value rather than build with another
 * date. Returns the problem, or undefined.
 */
export function epochProblem(env: Record<string, string | undefined>): string | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  const ok = /^\d+$/u.test(epoch) && Number(epoch) * 1000 <= Date.UTC(9999, 11, 31, 23, 59, 59);
  return ok ? undefined : `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a whole number of seconds since 1970 up to the year 9999`;
}
