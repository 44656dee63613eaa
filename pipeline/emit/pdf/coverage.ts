import { catalogue, type Code, type Messages } from '../../diagnostics/index.js';
import type { Anthology, AnthologyMeta, Inline, SourcePos, Story } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { BIDI_CONTROLS } from './bidi.js';
import { metaTexts, storyTexts } from './book-text.js';
import { fontRuns, inPrimary } from './fallback.js';
import { drawableText } from './fonts.js';
import type { MissingChars } from './setting.js';
import { runsOf, WHITE } from './words.js';

const CONTROLS = new RegExp(BIDI_CONTROLS.source, 'gu');

/**
 * The characters no font of the PDF has, in the text of a book, found from
 * the model without setting the book: by story file ('' for the book's own
 * text: its title, subtitle, editor and publisher), where the first of them
 * is, and how often each occurs in that text; with `files`, only those
 * stories' files. `lint` reports these; the PDF reports them too, for the
 * places and counts (it finds the same characters as it sets them, but
 * knows only the line of the block it sets, and draws a title again in the
 * contents and on the contributors page).
 *
 * Every font chain of the PDF covers the same characters (a test checks),
 * so the text is checked in one face; it is split where the PDF splits it
 * into words (spaces, emphasis), so that a grapheme cluster is the one the
 * PDF looks up.
 */
export function missingInBook({ meta, stories }: Anthology, files?: ReadonlySet<string>): Map<string, MissingChars> {
  const found = new Map<string, MissingChars>();
  const own = missingInMeta(meta);
  if (own) found.set('', own);
  for (const story of stories) {
    // Only the files asked for: the others' text is not read back (a big book's waits on disk).
    if (files && !files.has(story.source.file)) continue;
    const m = missingInStory(story);
    if (m) found.set(story.source.file, m);
  }
  return found;
}

/**
 * What the PDF would report of characters no font has, said without setting
 * it (`lint`): the same messages as a build's, which finds them as it sets
 * the book and then here.
 */
export function checkCoverage({ anthology, messages }: { anthology: Anthology; messages: Messages }): void {
  for (const m of missingInBook(anthology).values()) sayMissing(messages, m);
}

/**
 * The diagnostic code for characters no font of the chain can draw (since
 * Hebrew, Arabic, Hangul, Thai and the Indic scripts have fonts: Tibetan, Mongolian, …), which are
 * left out of the page. Checked against the catalogue at run time, which is
 * owned elsewhere: without the code there, nothing would be reported.
 */
const MISSING_GLYPH = 'pdf/missing-glyph';

/** Reports characters no font can draw, each with its code points and how often it occurs. */
export function sayMissing(messages: Messages, { at, chars }: MissingChars): void {
  if (!(MISSING_GLYPH in catalogue)) return;
  const list = [...chars].map(([c, n]) => `${c} (${[...c].map((x) => `U+${x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})${n > 1 ? ` ×${n}` : ''}`);
  messages.add(MISSING_GLYPH as Code, `No font of the PDF can draw ${chars.size === 1 ? 'this character' : 'these characters'}, left out of the PDF: ${list.join(', ')}`, at);
}

/** The characters no font has in the book's own text, or undefined for none. */
function missingInMeta(meta: AnthologyMeta): MissingChars | undefined {
  const scan = new Scan(undefined);
  metaTexts(meta, (inlines, pos, inText) => scan.inlines(inlines, pos, inText));
  return scan.result();
}

/**
 * The characters no font has in one story's text as the PDF shows it
 * (`storyTexts`), or undefined for none. The first that came from a line
 * of the file is placed there: in a paragraph, at its first line and the
 * character's column in the paragraph's text (the column in the file for a
 * paragraph on one line, but counted in the text as normalised: "..."
 * before it, set as "…", counts one, as Markdown's emphasis marks count
 * none); in metadata (title, byline, details, headings), at the line it
 * came from. The model keeps no more: where a hard-wrapped paragraph's
 * lines were joined is not known.
 */
export function missingInStory(story: Story): MissingChars | undefined {
  const scan = new Scan(story.source.file);
  storyTexts(story, (inlines, pos, inText) => scan.inlines(inlines, pos, inText));
  return scan.result();
}

/** Characters no font has, counted over the texts given, and where the first placed one is. */
class Scan {
  private at: Partial<SourcePos> | undefined;
  private placed = false;
  private readonly chars = new Map<string, number>();
  constructor(private readonly file: string | undefined) {
    this.at = file === undefined ? undefined : { file };
  }

  /** `offset`: the position is where the text starts, so the first character's column is counted from it. */
  inlines(inlines: readonly Inline[], pos: SourcePos | undefined, offset: boolean): void {
    let first: string | undefined;
    for (const run of runsOf(inlines, 'regular')) {
      // Nearly all text is in Literata as written (what drawableText changes, it changes to characters Literata has).
      if (inPrimary(run.text, 'regular')) continue;
      const text = drawableText(run.text).replace(CONTROLS, '');
      if (inPrimary(text, 'regular')) continue;
      for (const word of text.replace(WHITE, ' ').split(' ')) {
        if (word === '') continue;
        fontRuns(word, 'regular', (c) => {
          first ??= c;
          this.chars.set(c, (this.chars.get(c) ?? 0) + 1);
        });
      }
    }
    if (first === undefined || this.placed || pos === undefined) return;
    this.placed = true;
    this.at = { ...this.at, line: pos.line, column: pos.column + (offset ? Math.max(0, plainText(inlines).indexOf(first)) : 0) };
  }

  result(): MissingChars | undefined {
    return this.chars.size === 0 ? undefined : { at: this.at, chars: this.chars };
  }
}
