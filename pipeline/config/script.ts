import type { Messages } from '../diagnostics/index.js';
import type { Inline, Story } from '../model.js';

/** Scripts a story's letters are told apart by, each by its blocks of code points. */
const SCRIPTS: readonly [script: string, ranges: readonly [number, number][]][] = [
  ['Latin', [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f], [0x1e00, 0x1eff]]],
  ['Cyrillic', [[0x400, 0x52f]]],
  ['Greek', [[0x370, 0x3ff], [0x1f00, 0x1fff]]],
  ['Armenian', [[0x531, 0x58f]]],
  ['Hebrew', [[0x5d0, 0x5ea]]],
  ['Arabic', [[0x620, 0x64a], [0x66e, 0x6d3], [0x6fa, 0x6ff]]],
  ['Devanagari', [[0x900, 0x97f]]],
  ['Bengali', [[0x980, 0x9ff]]],
  ['Thai', [[0xe01, 0xe3a], [0xe40, 0xe4e]]],
  ['Georgian', [[0x10a0, 0x10ff]]],
  ['Hangul', [[0x1100, 0x11ff], [0x3130, 0x318f], [0xac00, 0xd7a3]]],
  ['Kana', [[0x3040, 0x30ff]]],
  ['Han', [[0x3400, 0x4dbf], [0x4e00, 0x9fff]]],
];

/** The script of a code point, or undefined for no letter of these. */
function scriptOf(code: number): string | undefined {
  for (const [script, ranges] of SCRIPTS) for (const [from, to] of ranges) if (code >= from && code <= to) return script;
  return undefined;
}

/** The scripts the languages written in one are written in (Japanese in kana and Han, Chinese in Han). */
const WRITTEN_IN: Record<string, readonly string[]> = {
  ...Object.fromEntries('en fr de es it pt nl pl sv no nb nn da fi cs sk sl hr bs tr hu ro id ms vi ca eu gl et lv lt is ga cy sq af sw tl'.split(' ').map((l) => [l, ['Latin']])),
  ...Object.fromEntries('ru uk be bg mk kk ky tg mn'.split(' ').map((l) => [l, ['Cyrillic']])),
  el: ['Greek'],
  hy: ['Armenian'],
  he: ['Hebrew'],
  yi: ['Hebrew'],
  ...Object.fromEntries('ar fa ur ps'.split(' ').map((l) => [l, ['Arabic']])),
  ...Object.fromEntries('hi mr ne'.split(' ').map((l) => [l, ['Devanagari']])),
  bn: ['Bengali'],
  th: ['Thai'],
  ka: ['Georgian'],
  ko: ['Hangul', 'Han'],
  ja: ['Kana', 'Han'],
  zh: ['Han'],
};

/** Letters of a story looked at: enough to tell its script, few enough to cost nothing. */
const SAMPLE_LETTERS = 4000;
/** Letters a story needs before its script is judged. */
const MIN_LETTERS = 100;

/** The script most of a story's text is in, and its share of the letters looked at; undefined with too few letters. */
export function storyScript(story: Story): { script: string; share: number } | undefined {
  const tally = new Map<string, number>();
  let letters = 0;
  const count = (inlines: readonly Inline[]): void => {
    for (const i of inlines) {
      if (letters >= SAMPLE_LETTERS) return;
      if (i.kind !== 'text') {
        count(i.children);
        continue;
      }
      for (let k = 0; k < i.text.length; k++) {
        const script = scriptOf(i.text.charCodeAt(k));
        if (script === undefined) continue;
        tally.set(script, (tally.get(script) ?? 0) + 1);
        letters++;
      }
    }
  };
  for (const chapter of story.chapters) for (const b of chapter.blocks) if (b.kind === 'paragraph') count(b.inlines);
  if (letters < MIN_LETTERS) return undefined;
  // Japanese is written in kana and Han together: counted as one, named by its kana when it has a tenth of them.
  const [kana, han] = [tally.get('Kana') ?? 0, tally.get('Han') ?? 0];
  if (kana + han > 0) {
    tally.delete('Kana');
    tally.delete('Han');
    tally.set(kana >= (kana + han) / 10 ? 'Kana' : 'Han', kana + han);
  }
  const [script, n] = [...tally].reduce((a, b) => (b[1] > a[1] ? b : a));
  return { script, share: n / letters };
}

/**
 * Says so when a story's text is plainly in another script than its
 * language is written in (a Russian story in a book whose language is
 * English): the language is not guessed (that would be inventing it), but
 * a wrong one is read aloud wrongly by screen readers and hyphenated
 * wrongly in the PDF, and the editor can set it.
 */
export function checkLanguage(story: Story, messages: Messages): void {
  const written = WRITTEN_IN[story.meta.language.toLowerCase().split('-')[0]!];
  if (!written) return;
  const found = storyScript(story);
  if (!found || found.share < 0.8 || written.includes(found.script)) return;
  const letters = found.script === 'Kana' ? 'Japanese kana' : found.script === 'Han' ? 'Chinese characters' : `${found.script} letters`;
  messages.add('meta/language-script', `The story is written in ${letters}, but its language is ${story.meta.language}: set language: for it in anthology.yaml (or the book's language:, if every story is in it)`, { file: story.source.file, line: 1, column: 1 });
}
