import type { Inline, SourcePos } from '../../model.js';
import { textInline } from '../../shared/inline.js';
import { primaryFont, type FontKey } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { breakLines, type Align, type BreakOptions, type Line } from './lines.js';
import type { Direction } from './bidi.js';
import { widthOf } from './shaping.js';
import { hyphenSplit } from './split.js';
import type { TextStyle } from './theme.js';
import { knownWords, paragraphWords, type KnownWords, type Measure, type WordOptions } from './words.js';

/** How a block of text is set. */
export interface BlockOptions {
  style: TextStyle;
  align: Align;
  /** First-line indent. */
  indent?: number;
  /** Extra inset from the left and right margins. */
  left?: number;
  right?: number;
}

/** Largest extra space per word gap (in em) a justified line may take; looser lines stay ragged. */
const MAX_STRETCH = 0.6;
/** Characters no font could draw in one file: where the first was, and how often each occurred. */
export interface MissingChars {
  at: Partial<SourcePos> | undefined;
  chars: Map<string, number>;
}

/** Extra space per word gap (in em) a justified line may take before its next word is hyphenated. */
const HYPHEN_SLACK = 0.12;

/**
 * How a flow breaks blocks into lines: words built and measured (each
 * style keeping the words it has measured), hyphenation in the language
 * being set, characters no font has counted. Nothing here depends on the
 * page, so a dry flow and a drawing one break every block alike.
 */
export class Setter {
  /** Hyphenation for the text being set (the story's language); undefined: none. */
  hyphenator: Hyphenator | undefined;
  /**
   * Where the text being broken comes from: a story's file, and the line of
   * the paragraph, note or heading where known (set by the story as it goes);
   * undefined for the book's own text.
   */
  at: Partial<SourcePos> | undefined;
  /**
   * Characters no font could draw, by file ('' for the book's own text), in
   * the order first met: where the first was met, and how often each occurred.
   */
  readonly missing = new Map<string, MissingChars>();
  /**
   * `width`: the text block's. `known`: words measured so far, per type
   * style; a dry setter shares its flow's ({@link dry}).
   */
  constructor(
    private readonly width: number,
    private readonly known = new Map<TextStyle, KnownWords>(),
  ) {}

  /**
   * A setter for a dry flow that measures text this one is about to set: it
   * shares the words measured so far and the hyphenation, and counts the
   * characters no font has on its own, so that they are not reported twice.
   * Measuring an attribution page before it is set, with words measured
   * afresh each time, took about a twentieth of a book's time.
   */
  dry(): Setter {
    const setter = new Setter(this.width, this.known);
    setter.hyphenator = this.hyphenator;
    return setter;
  }

  /** Text width in a font, size and OpenType features. */
  measure(font: FontKey, size: number, text: string, features?: readonly string[], direction?: Direction): number {
    return widthOf(font, size, text, features, direction);
  }

  /** Breaks content into lines for a block, without drawing. */
  layout(content: readonly Inline[] | string, o: BlockOptions): Line[] {
    const inlines = typeof content === 'string' ? textInline(content) : content;
    const { words, breaking } = this.setting(o);
    const paragraph = paragraphWords(inlines, o.style.face, words);
    return breakLines(paragraph.words, paragraph.base === undefined ? breaking : { ...breaking, base: paragraph.base });
  }

  /**
   * A line of one short text without spaces (a page number) in the style's
   * primary font, `room` wide; no word building, as every page needs one.
   */
  single(text: string, style: TextStyle, room: number): Line {
    const font = primaryFont(style.face);
    const width = this.measure(font, style.size, text, style.features);
    const word = { pieces: [{ face: style.face, font, text, width }], width, space: 0, spaceFont: font };
    return { words: [word], width, room, indent: 0, stretch: 0, hyphenated: false };
  }

  private noteMissing(c: string): void {
    const file = this.at?.file ?? '';
    let m = this.missing.get(file);
    if (m === undefined) this.missing.set(file, (m = { at: this.at, chars: new Map() }));
    m.chars.set(c, (m.chars.get(c) ?? 0) + 1);
  }

  /** How a block's lines are broken (again, from a line on: see `rebreakFrom`). */
  breaking(o: BlockOptions): BreakOptions {
    return this.setting(o).breaking;
  }

  /** How a block's words are measured and its lines broken (hyphenation only for justified text). */
  private setting(o: BlockOptions): { words: WordOptions; breaking: BreakOptions } {
    const width = this.width - (o.left ?? 0) - (o.right ?? 0);
    const indent = o.indent ?? 0;
    const { size, features } = o.style;
    const measure: Measure = (font, sz, text, direction) => this.measure(font, sz, text, features, direction);
    let known = this.known.get(o.style);
    if (!known) this.known.set(o.style, (known = knownWords()));
    // Only the first word must fit the indented first line: a later one too wide for it goes to the next, a full line.
    const words: WordOptions = { size, measure, maxWidth: width, firstMaxWidth: width - indent, onMissing: (c) => this.noteMissing(c), known };
    if (this.hyphenator) words.cutHyphenation = this.hyphenator;
    const h = o.align === 'justify' ? this.hyphenator : undefined;
    const breaking: BreakOptions = { width, indent, align: o.align, maxStretch: MAX_STRETCH * size, hyphenSlack: HYPHEN_SLACK * size };
    if (h) breaking.hyphenate = (w, avail) => hyphenSplit(w, avail, h(w.pieces.map((p) => p.text).join('')), words);
    return { words, breaking };
  }
}
