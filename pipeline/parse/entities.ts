/**
 * HTML character references in Markdown text (`&nbsp;`, `&mdash;`, `&#8220;`),
 * which notes apps and HTML-to-Markdown converters write for characters a
 * keyboard lacks. Markdown reads them as the characters they name; shown as
 * typed, a book would print "anyway&mdash;all". The text stays data: the
 * characters are escaped again wherever they are written out.
 */

/** The named references writers' tools produce; any other name is left as typed. */
const NAMED: Readonly<Record<string, string>> = {
  nbsp: '\u00A0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  mdash: '—', ndash: '–', hellip: '…', minus: '−', shy: '\u00AD', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwj: '\u200D', zwnj: '\u200C',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', deg: '°', middot: '·', bull: '•', sect: '§', para: '¶', dagger: '†', Dagger: '‡',
  times: '×', divide: '÷', plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾', pound: '£', euro: '€', yen: '¥', cent: '¢',
  iexcl: '¡', iquest: '¿', hearts: '♥', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
};

/**
 * The marks emphasis is read from, later: a reference to one is written to keep the mark from
 * acting, so it stays as typed. (Headings and quote marks are read before references are.)
 */
const MARKS = new Set(['*', '_', '\\']);

const REFERENCE = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/gu;

/** The character a numeric reference names, or null for a control character (a line end would move every line after it) or one XML may not hold. */
function codePoint(n: number): string | null {
  const ok = (n >= 0x20 && n <= 0x7e) || (n >= 0xa0 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
  return ok ? String.fromCodePoint(n) : null;
}

/** Replaces the character references in one line of Markdown text with their characters (see the module comment). */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    const c = name !== undefined ? (Object.hasOwn(NAMED, name) ? NAMED[name]! : null) : codePoint(parseInt(hex ?? dec!, hex ? 16 : 10));
    return c === null || MARKS.has(c) ? m : c;
  });
}
