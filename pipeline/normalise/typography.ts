/**
 * Typography as small pure rules. Each changes punctuation and spacing only,
 * never a letter or a digit, and each is idempotent: applied to its own
 * output it changes nothing. Rule codes are stable (they appear in reports).
 */
export interface TypoRule {
  code: string;
  summary: string;
  /** Returns the new text and how many changes were made. */
  apply(s: string): [string, number];
}

function rule(code: string, summary: string, re: RegExp, to: string | ((m: string, ...g: string[]) => string)): TypoRule {
  return {
    code,
    summary,
    apply(s) {
      let n = 0;
      const out = s.replace(re, (...args: unknown[]) => {
        const m = args[0] as string;
        const r = typeof to === 'string' ? to.replace(/\$(\d)/gu, (_, d: string) => (args[Number(d)] as string | undefined) ?? '') : to(m, ...(args.slice(1) as string[]));
        if (r !== m) n++;
        return r;
      });
      return [out, n];
    },
  };
}

// Words that conventionally start with an apostrophe standing for dropped letters.
const ELISIONS = /^(?:tis|twas|twere|em|cause|cos|til|till|n|round|bout|im|ere|nuff|kay|sup|ya|s)$/iu;

const OPENERS = /[\s([{\u2014\u2013\-/“‘]/u;

function curlySingle(s: string): [string, number] {
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

function curlyDouble(s: string): [string, number] {
  let n = 0;
  const out = s.replace(/"/gu, (_m, i: number) => {
    n++;
    const prev = i > 0 ? s[i - 1]! : '';
    const next = s[i + 1] ?? '';
    const opening = (prev === '' || OPENERS.test(prev)) && next !== '' && !/\s/u.test(next);
    return opening ? '“' : '”';
  });
  return [out, n];
}

/** The rules, in the order they run (spacing first, so quotes see their neighbours right). */
export const RULES: readonly TypoRule[] = [
  rule('typo/spaces', 'Runs of spaces and tabs inside a paragraph become one space.', /[ \t\u00A0]{2,}|\t/gu, ' '),
  rule('typo/ellipsis', 'Three dots, spaced or not, become an ellipsis (…).', /\.(?: ?\.){2}/gu, '…'),
  rule('typo/space-before-closing-quote', 'A space between final punctuation and a closing quote is removed.', /([.!?,…]) +(["'])(?=\s|$)/gu, '$1$2'),
  rule('typo/em-dash', 'Two or three hyphens become an em dash (—).', /-{2,3}/gu, '—'),
  rule('typo/en-dash', 'A hyphen with a space on each side becomes an en dash (–).', /(?<= )-(?= )/gu, '–'),
  { code: 'typo/double-quotes', summary: 'Straight double quotes become curly quotes by position.', apply: curlyDouble },
  { code: 'typo/single-quotes', summary: 'Straight single quotes and apostrophes become curly, leading apostrophes (’tis, ’90s) included.', apply: curlySingle },
];

/** Applies every rule; adds the number of changes per rule code to `counts`. */
export function typeset(s: string, counts: Record<string, number>): string {
  let out = s;
  for (const r of RULES) {
    const [next, n] = r.apply(out);
    if (n) counts[r.code] = (counts[r.code] ?? 0) + n;
    out = next;
  }
  return out;
}
