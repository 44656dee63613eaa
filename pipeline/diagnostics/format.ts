import type { Diagnostic } from '../model.js';

/**
 * Control characters (C0, DEL, C1) and the bidi embeddings, overrides and
 * isolates. A file name or a quoted token is the input's: an escape sequence
 * in it would act on the terminal, a newline would split the one-line record,
 * an override would show it reversed.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/** `s` with each {@link UNPRINTABLE} character shown as its `\uXXXX` escape (for text printed for people). */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Formats a record the way compilers do: `file:line:col severity message [code]`, its text printable. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''} ` : '';
  return printable(`${where}${d.severity} ${d.message} [${d.code}]`);
}
