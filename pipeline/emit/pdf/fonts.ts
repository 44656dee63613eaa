import { createRequire } from 'node:module';

/** The four faces the book is set in. */
export type FontFace = 'regular' | 'italic' | 'bold' | 'boldItalic';

const FILES: Record<FontFace, string> = {
  regular: '400Regular/Literata_400Regular.ttf',
  italic: '400Regular_Italic/Literata_400Regular_Italic.ttf',
  bold: '700Bold/Literata_700Bold.ttf',
  boldItalic: '700Bold_Italic/Literata_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);

const paths = new Map<FontFace, string>();

/**
 * Absolute path of the Literata TTF for a face (TTF, not WOFF2: pdfkit
 * cannot read WOFF2). Select faces with `doc.font(fontPath(face))`, not
 * with `registerFont` names: the document's default font is the regular
 * face by path, and pdfkit never caches a registered name whose font
 * equals an already-open one, so `font('regular')` would re-read and
 * re-parse the TTF on every call.
 */
export function fontPath(face: FontFace): string {
  let path = paths.get(face);
  if (path === undefined) {
    path = require.resolve(`@expo-google-fonts/literata/${FILES[face]}`);
    paths.set(face, path);
  }
  return path;
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
 * gap) and a .notdef box for the others.
 */
const SUBSTITUTES: Record<string, string> = {
  '\u202F': '\u2009', // narrow no-break space → thin space (we never break at it)
  '\u2011': '\u2010', // non-breaking hyphen → hyphen (we never break at it)
  '\u2002': '\u00A0', // en space → no-break space
  '\u2003': '\u00A0\u00A0', // em space → two no-break spaces
};

/**
 * Invisible format characters. fontkit maps them to the space glyph, so
 * text extraction would show a space inside a word; they draw nothing, so
 * dropping them from the drawn text changes nothing on the page.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Text as it should be drawn with Literata: substitutions made, invisible characters dropped. */
export function drawableText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\u202F\u2011\u2002\u2003]/g, (c) => SUBSTITUTES[c] ?? c);
}
