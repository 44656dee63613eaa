import { openSync, type Font } from 'fontkit';
import { openInstalled, SCRIPT_FONTS, scriptFontFile, type ScriptFont } from '../../shared/script-fonts.js';

/** The four faces the book is set in. */
export type FontFace = 'regular' | 'italic' | 'bold' | 'boldItalic';

/**
 * A font file of the book, named by family and face ("Literata/bold"). It is
 * also pdfkit's cache key for the font, so each file is embedded once.
 */
export type FontKey = string;

/** Literata's files (TTF, not WOFF2: pdfkit cannot read WOFF2). */
const LITERATA: Record<FontFace, string> = {
  regular: '400Regular/Literata_400Regular.ttf',
  italic: '400Regular_Italic/Literata_400Regular_Italic.ttf',
  bold: '700Bold/Literata_700Bold.ttf',
  boldItalic: '700Bold_Italic/Literata_700Bold_Italic.ttf',
};

/** Where each key's file lives, as a package path (`openInstalled` resolves it). */
const FILES: Record<FontKey, string> = {
  ...Object.fromEntries(Object.entries(LITERATA).map(([face, file]) => [`Literata/${face}`, `@expo-google-fonts/literata/${file}`])),
  'NotoSansSymbols/regular': '@expo-google-fonts/noto-sans-symbols/400Regular/NotoSansSymbols_400Regular.ttf',
  'NotoSansSymbols2/regular': '@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf',
  'NotoEmoji/regular': '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
  ...Object.fromEntries(SCRIPT_FONTS.flatMap((f) => (['regular', 'bold'] as const).map((w) => [`${f.family}/${w}`, scriptFontFile(f, w)]))),
};

// One string per key, made once: keys are compared for every word set.
const PRIMARY: Record<FontFace, FontKey> = { regular: 'Literata/regular', italic: 'Literata/italic', bold: 'Literata/bold', boldItalic: 'Literata/boldItalic' };

/** The main font of a face: Literata, which covers Latin, Greek and Cyrillic. */
export function primaryFont(face: FontFace): FontKey {
  return PRIMARY[face];
}

const EMOJI: FontKey = 'NotoEmoji/regular';

/** The emoji font, which an emoji presentation selector (U+FE0F) asks for first. */
export function emojiFont(): FontKey {
  return EMOJI;
}

/**
 * The fonts tried, in order, for a character: Literata first, then symbols
 * (before the CJK fonts, whose symbols are full-width), then Chinese and
 * Japanese kana, then Hangul (after the Chinese font, so that Han characters
 * keep one design, whether in Korean text or not), then monochrome emoji,
 * then the fonts of other scripts (`SCRIPT_FONTS`: Hebrew, Arabic, Thai, the
 * Indic scripts, …), each regular, or bold for bold faces (none has
 * italics: italic text in them is set upright).
 */
export function fontChain(face: FontFace): readonly FontKey[] {
  return CHAINS[face];
}

const keysOf = (pick: (f: ScriptFont) => boolean | undefined): Set<FontKey> => new Set(SCRIPT_FONTS.filter(pick).flatMap((f) => [`${f.family}/regular`, `${f.family}/bold`]));
const RTL = keysOf((f) => f.rtl);
const ACTUAL_TEXT = keysOf((f) => f.spelled);

/** Whether a font of the chain is one of the right-to-left ones (Hebrew, Arabic). */
export function isRtlFont(key: FontKey): boolean {
  return RTL.has(key);
}

/**
 * Whether a font draws a script whose glyphs need the text they stand for
 * spelled out (`/ActualText`) for copying and search: in the Indic scripts
 * the shaper moves a vowel sign before its consonant and a repha after, so
 * the glyphs' own text comes out of order ("िह" for "हि"); in Thai a viewer
 * places tone marks by their drawn position, after the next letter. A Set:
 * asked for every piece of text drawn.
 */
export function needsActualText(key: FontKey): boolean {
  return ACTUAL_TEXT.has(key);
}

const chain = (face: FontFace): readonly FontKey[] => {
  const weight = isBold(face) ? 'bold' : 'regular';
  const scripts = (before: boolean): FontKey[] => SCRIPT_FONTS.filter((f) => Boolean(f.beforeEmoji) === before).map((f) => `${f.family}/${weight}`);
  return [primaryFont(face), 'NotoSansSymbols/regular', 'NotoSansSymbols2/regular', ...scripts(true), EMOJI, ...scripts(false)];
};
const CHAINS: Record<FontFace, readonly FontKey[]> = { regular: chain('regular'), italic: chain('italic'), bold: chain('bold'), boldItalic: chain('boldItalic') };

const opened = new Map<FontKey, Font | null>();

/**
 * The parsed font for a key, opened once per process and shared by every
 * document (pdfkit takes a fontkit font as well as a path). Null when the
 * package is not installed (the CJK fonts are optional dependencies): the
 * chain then simply skips it.
 */
export function loadFont(key: FontKey): Font | null {
  let font = opened.get(key);
  if (font === undefined) {
    const file = FILES[key];
    font = file ? openInstalled(file, openSync) : null;
    opened.set(key, font);
  }
  return font;
}

/** The parsed font for a key that must exist (Literata ships with the package). */
export function mustLoad(key: FontKey): Font {
  const font = loadFont(key);
  if (!font) throw new Error(`Font ${key} is not installed`);
  return font;
}

/** The face for a combination of emphasis flags. */
export function faceFor(italic: boolean, bold: boolean): FontFace {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** Whether a face is italic, so that `em` inside italic text can turn upright. */
export function isItalic(face: FontFace): boolean {
  return face === 'italic' || face === 'boldItalic';
}

/** Whether a face is bold. */
export function isBold(face: FontFace): boolean {
  return face === 'bold' || face === 'boldItalic';
}

/**
 * Characters Literata has no glyph for, drawn as a near equivalent it has.
 * fontkit would otherwise draw a zero-width space for U+202F (losing the
 * gap) and a .notdef box for the others. The spaces no font of the PDF has
 * become a space: left out as missing glyphs, they joined the words on
 * either side.
 */
const SUBSTITUTES: Record<string, string> = {
  '\u202F': '\u2009', // narrow no-break space → thin space (we never break at it)
  '\u2011': '\u2010', // non-breaking hyphen → hyphen (we never break at it)
  '\u2002': '\u00A0', // en space → no-break space
  '\u2003': '\u00A0\u00A0', // em space → two no-break spaces
  '\u2004': ' ', // three-per-em space
  '\u2005': ' ', // four-per-em space
  '\u2006': ' ', // six-per-em space
  '\u205F': ' ', // medium mathematical space
  '\u1680': ' ', // ogham space mark
};

/**
 * Invisible format characters. fontkit maps them to the space glyph, so
 * text extraction would show a space inside a word; they draw nothing, so
 * dropping them from the drawn text changes nothing on the page. Variation
 * selectors are kept here: `fontRuns` reads them, then drops them.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Letters of the scripts whose letters join (Arabic, Syriac): after one, a
 * zero-width non-joiner or joiner is kept. It decides the letters' shapes
 * (Persian writes "می‌خواهم" with a non-joiner after "می"), the shaper draws
 * it as an empty glyph with no advance, and that glyph's ToUnicode entry
 * keeps it, so that text extracted from the PDF has it too.
 */
const JOINING = /[\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/;

/** Text as it should be drawn: substitutions made, invisible characters dropped (a joiner after a joining letter kept). */
export function drawableText(text: string): string {
  return text
    .replace(INVISIBLE, (c, at: number) => ((c === '\u200C' || c === '\u200D') && at > 0 && JOINING.test(text[at - 1]!) ? c : ''))
    .replace(/[\u202F\u2011\u2002-\u2006\u205F\u1680]/g, (c) => SUBSTITUTES[c] ?? c);
}
