// Names Windows refuses for a file, whatever the extension.
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/iu;

/**
 * A file-name slug of a title that is safe on every OS: ASCII letters,
 * digits and hyphens, at most 80 characters, never empty, never a reserved
 * device name, never a path.
 */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80)
    .replace(/-+$/u, '');
  if (!s) return 'anthology';
  return RESERVED.test(s) ? `${s}-book` : s;
}
