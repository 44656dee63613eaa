/**
 * Typography as small pure rules. Each changes punctuation and spacing only,
 * never a letter or a digit, and each is idempotent: applied to its own
 * output it changes nothing. Rule codes are stable (they appear in reports).
 */
export interface TypoRule {
  code: string;
  summary: string;
  /** Returns the new text and how many changes were made; `quotes` are the double quotes of the text's language. */
  apply(s: string, quotes: Quotes): [string, number];
}

/** A language's double quotes, opening and closing. */
export interface Quotes {
  open: string;
  close: string;
}

const ENGLISH_QUOTES: Quotes = { open: '“', close: '”' };
const GUILLEMETS: Quotes = { open: '«', close: '»' };
const LOW_HIGH: Quotes = { open: '„', close: '“' };
const LOW_HIGH_RIGHT: Quotes = { open: '„', close: '”' };

/**
 * The double quotes straight ones become, by the text's language, where
 * its printed books use others than English ones: guillemets in Russian,
 * Ukrainian and Belarusian; „low and high“ in German, Czech, Slovak and
 * Bulgarian; „low and high right” in Polish, Romanian and Hungarian.
 * French is left to English quotes: its guillemets take spaces inside,
 * and straight quotes typed with those spaces cannot be told open from
 * closed by their neighbours.
 */
const QUOTES: Record<string, Quotes> = {
  ru: GUILLEMETS, uk: GUILLEMETS, be: GUILLEMETS,
  de: LOW_HIGH, cs: LOW_HIGH, sk: LOW_HIGH, bg: LOW_HIGH,
  pl: LOW_HIGH_RIGHT, ro: LOW_HIGH_RIGHT, hu: LOW_HIGH_RIGHT,
};

/** The double quotes of a language tag (by its primary subtag; English ones for a language not listed, or none given). */
export function quotesFor(language: string | undefined): Quotes {
  return (language && QUOTES[language.toLowerCase().split('-')[0]!]) || ENGLISH_QUOTES;
}

/**
 * A rule replacing what `re` matches. `may` is a quick necessary condition
 * for a match (a substring search): most text has nothing for most rules,
 * and this runs over every paragraph of the book, seven times.
 */
function rule(code: string, summary: string, may: (s: string) => boolean, re: RegExp, to: string | ((m: string, ...g: string[]) => string)): TypoRule {
  return {
    code,
    summary,
    apply(s) {
      if (!may(s)) return [s, 0];
      let n = 0;
      const out = s.replace(re, (...args: unknown[]) => {
        const m = args[0] as string;
        const r = typeof to === 'string' ? to : to(m, ...(args.slice(1) as string[]));
        if (r !== m) n++;
        return r;
      });
      return [out, n];
    },
  };
}

// Words that conventionally start with an apostrophe standing for dropped letters.
const ELISIONS = /^(?:tis|twas|twere|em|cause|cos|til|till|n|round|bout|im|ere|nuff|kay|sup|ya|s)$/iu;

const OPENERS = /[\s([{\u2014\u2013\-/“‘«„‚‹]/u;

function curlySingle(s: string): [string, number] {
  if (!s.includes("'")) return [s, 0];
  let n = 0;
  const out = s.replace(/'/gu, (_m, i: number) => {
    n++;
    const prev = i > 0 ? s[i - 1]! : '';
    const next = s[i + 1] ?? '';
    if (/[\p{L}\p{N}]/u.test(prev)) return '’'; // don't, Johns', '90s→ after digit
    if (/\p{N}/u.test(next)) return '’'; // '90s
    if (/\p{L}/u.test(next)) {
      const word = /^[\p{L}]+/u.exec(s.slice(i + 1))![0];
      if (ELISIONS.test(word)) return '’'; // 'tis, 'em, 'cause
      return prev === '' || OPENERS.test(prev) || prev === '"' ? '‘' : '’';
    }
    return '’';
  });
  return [out, n];
}

function curlyDouble(s: string, quotes: Quotes): [string, number] {
  if (!s.includes('"')) return [s, 0];
  let n = 0;
  const out = s.replace(/"/gu, (_m, i: number) => {
    n++;
    const prev = i > 0 ? s[i - 1]! : '';
    const next = s[i + 1] ?? '';
    const opening = (prev === '' || OPENERS.test(prev)) && next !== '' && !/\s/u.test(next);
    return opening ? quotes.open : quotes.close;
  });
  return [out, n];
}

/**
 * A run of hyphens as a typewriter made dashes: two (or three) for an em
 * dash, four for a 2-em dash (a name or word left out: "Lord B----"), six
 * for a 3-em dash. The long dashes are set as em dashes side by side, not as
 * ⸺ or ⸻: no font of the PDF has those, so they would be left out of it,
 * and many reading systems' fonts lack them too. Matched whole: taken three
 * at a time, four hyphens gave "—-".
 */
function emDashes(run: string): string {
  return '—'.repeat(run.length < 4 ? 1 : run.length < 6 ? 2 : 3);
}

/** The rules, in the order they run (spacing first, so quotes see their neighbours right). */
export const RULES: readonly TypoRule[] = [
  rule('typo/spaces', 'Runs of spaces and tabs inside a paragraph become one space.', (s) => s.includes('  ') || s.includes('\t') || s.includes('\u00A0'), /[ \t\u00A0]{2,}|\t/gu, ' '),
  rule('typo/ellipsis', 'Three dots, spaced or not, become an ellipsis (…).', (s) => s.includes('..') || s.includes('. .'), /\.(?: ?\.){2}/gu, '…'),
  rule('typo/space-before-closing-quote', 'A space between final punctuation and a closing quote is removed.', (s) => s.includes(' "') || s.includes(" '"), /([.!?,…]) +(["'])(?=\s|$)/gu, (_m, mark, quote) => mark! + quote!),
  rule('typo/em-dash', 'Two or three hyphens become an em dash (—); four or five a 2-em dash, six or more a 3-em dash, set as two and three em dashes (——, ———).', (s) => s.includes('--'), /-{2,}/gu, emDashes),
  // The space before is matched, not looked behind for: a look-behind is tried at every character.
  rule('typo/en-dash', 'A hyphen with a space on each side becomes an en dash (–).', (s) => s.includes(' - '), / -(?= )/gu, ' –'),
  { code: 'typo/double-quotes', summary: 'Straight double quotes become curly quotes by position, in the story’s language: “English” (and most others), «Russian, Ukrainian, Belarusian», „German, Czech, Slovak, Bulgarian“, „Polish, Romanian, Hungarian”.', apply: curlyDouble },
  { code: 'typo/single-quotes', summary: 'Straight single quotes and apostrophes become curly, leading apostrophes (’tis, ’90s) included.', apply: curlySingle },
];

/**
 * The text on either side of a piece set apart by emphasis marks (`"*run*"`
 * is three pieces), as the rules see it: a quote's side is decided by its
 * neighbours, which the marks hide. Absent at the start or end of a paragraph.
 */
export interface Beside {
  before?: string;
  after?: string;
}

/** Stands for punctuation beside a piece: no rule changes it, and it opens nothing. */
const INERT = '#';

/**
 * What stands in for the text before a piece: nothing where a paragraph's
 * start would be read the same (a space, an opening bracket or quote, a dash),
 * a letter for a word, the mark itself for a straight quote or the closing
 * punctuation no rule changes, else an inert mark. Stand-ins keep their length and
 * never join the piece's own punctuation (no dot, hyphen or space), so they
 * can be cut off again by their length.
 */
function before(text: string): string {
  const c = text.at(-1);
  if (c === undefined || /\s/u.test(c) || OPENERS.test(c)) return '';
  if (/[\p{L}\p{N}]/u.test(c)) return 'a';
  // A straight quote is changed, but into one character: the cut by length still holds.
  return /[!?,…"']/u.test(c) ? c : INERT;
}

/** What stands in for the text after a piece: nothing for a space, the next word (an elision is known by it: ’tis), else an inert mark. */
function after(text: string): string {
  if (text === '' || /^\s/u.test(text)) return '';
  return /^[\p{L}\p{N}]+/u.exec(text)?.[0] ?? INERT;
}

/**
 * Applies every rule; adds the number of changes per rule code to `counts`.
 * `beside` is the text around a piece of a paragraph set apart by emphasis;
 * `quotes`, the double quotes of the text's language (`quotesFor`).
 */
export function typeset(s: string, counts: Record<string, number>, beside?: Beside, quotes: Quotes = ENGLISH_QUOTES): string {
  const [pre, post] = beside ? [before(beside.before ?? ''), after(beside.after ?? '')] : ['', ''];
  let out = pre + s + post;
  for (const r of RULES) {
    const [next, n] = r.apply(out, quotes);
    if (n) counts[r.code] = (counts[r.code] ?? 0) + n;
    out = next;
  }
  return pre || post ? out.slice(pre.length, out.length - post.length) : out;
}
