import { createRequire } from 'node:module';

/**
 * The fonts for scripts Literata lacks, each from an `@expo-google-fonts`
 * package (TTF, SIL Open Font Licence) with a regular and a bold face: the
 * PDF's fallback chain tries them in this order after Literata, the symbol
 * fonts and emoji, and the generated cover sets a title in the first that
 * has all of it. One table, so the two cannot drift apart.
 */
export interface ScriptFont {
  /** The family, as the font's PostScript name begins ("NotoSerifKR"): with a weight, the PDF's font key. */
  family: string;
  /** The package under `@expo-google-fonts/`. */
  pkg: string;
  /** What it is for, for the docs and readers of this table. */
  scripts: string;
  /** Placed before the emoji font (the CJK fonts, whose symbols are full-width), not after it. */
  beforeEmoji?: boolean;
  /** Set right to left (Hebrew, Arabic): the cover, which sets text left to right only, leaves it out. */
  rtl?: boolean;
  /**
   * Its glyphs do not spell the text in order (a vowel sign drawn before its
   * consonant, a repha after; tone marks a viewer places after the next
   * letter), so the PDF gives each word's text as `/ActualText`.
   */
  spelled?: boolean;
  /** An optional dependency (the large CJK fonts): it may not be installed. */
  optional?: boolean;
}

/**
 * In chain order. Those added after the first book was made come after the
 * ones before them, so that no character an earlier font drew changes font:
 * a new font only takes what no other font has.
 */
export const SCRIPT_FONTS: readonly ScriptFont[] = [
  { family: 'NotoSerifSC', pkg: 'noto-serif-sc', scripts: 'Chinese, Japanese kana', beforeEmoji: true, optional: true },
  { family: 'NotoSerifKR', pkg: 'noto-serif-kr', scripts: 'Korean Hangul', beforeEmoji: true, optional: true },
  { family: 'NotoSerifHebrew', pkg: 'noto-serif-hebrew', scripts: 'Hebrew', rtl: true },
  { family: 'NotoNaskhArabic', pkg: 'noto-naskh-arabic', scripts: 'Arabic, Persian, Urdu', rtl: true },
  { family: 'NotoSansThai', pkg: 'noto-sans-thai', scripts: 'Thai', spelled: true },
  { family: 'NotoSerifDevanagari', pkg: 'noto-serif-devanagari', scripts: 'Devanagari (Hindi, Marathi, Nepali)', spelled: true },
  { family: 'NotoSerifBengali', pkg: 'noto-serif-bengali', scripts: 'Bengali, Assamese', spelled: true },
  { family: 'NotoSansTamil', pkg: 'noto-sans-tamil', scripts: 'Tamil', spelled: true },
  { family: 'NotoSerifTelugu', pkg: 'noto-serif-telugu', scripts: 'Telugu', spelled: true },
  { family: 'NotoSansGujarati', pkg: 'noto-sans-gujarati', scripts: 'Gujarati', spelled: true },
  { family: 'NotoSansGurmukhi', pkg: 'noto-sans-gurmukhi', scripts: 'Gurmukhi (Punjabi)', spelled: true },
  { family: 'NotoSansKannada', pkg: 'noto-sans-kannada', scripts: 'Kannada', spelled: true },
  { family: 'NotoSansMalayalam', pkg: 'noto-sans-malayalam', scripts: 'Malayalam', spelled: true },
  { family: 'NotoSansSinhala', pkg: 'noto-sans-sinhala', scripts: 'Sinhala', spelled: true },
  { family: 'NotoSansKhmer', pkg: 'noto-sans-khmer', scripts: 'Khmer', spelled: true },
  { family: 'NotoSansLao', pkg: 'noto-sans-lao', scripts: 'Lao', spelled: true },
  { family: 'NotoSansMyanmar', pkg: 'noto-sans-myanmar', scripts: 'Myanmar (Burmese)', spelled: true },
  { family: 'NotoSansGeorgian', pkg: 'noto-sans-georgian', scripts: 'Georgian' },
  { family: 'NotoSansArmenian', pkg: 'noto-sans-armenian', scripts: 'Armenian' },
  { family: 'NotoSansEthiopic', pkg: 'noto-sans-ethiopic', scripts: 'Ethiopic (Amharic, Tigrinya)' },
];

/** The package path of a script font's face, for `require.resolve`. */
export function scriptFontFile(f: ScriptFont, weight: 'regular' | 'bold'): string {
  const dir = weight === 'bold' ? '700Bold' : '400Regular';
  return `@expo-google-fonts/${f.pkg}/${dir}/${f.family}_${dir}.ttf`;
}

/** fontkit's features that place marks (GPOS), turned off when placing them fails. */
const NO_MARK_PLACING = { mark: false, mkmk: false, abvm: false, blwm: false, dist: false };

/**
 * fontkit's layout (`layout`, given the features), which throws on some fonts' mark positioning
 * tables (Noto Sans Gurmukhi's tippi: a null anchor). Then the text is laid
 * out again with mark placing off, its marks at their default places,
 * rather than the book failing: a mark a little off is better than a lost
 * word. The same everywhere, so the PDF measures what it draws.
 */
export function layoutSafely<R>(layout: (features: never) => R, wanted?: readonly string[]): R {
  try {
    return layout((wanted ? [...wanted] : undefined) as never);
  } catch {
    return layout({ ...Object.fromEntries((wanted ?? []).map((f) => [f, true])), ...NO_MARK_PLACING } as never);
  }
}

const require = createRequire(import.meta.url);

/**
 * A font file from an installed package, opened with `open` (fontkit's
 * `openSync`), or null when the package is not installed (the CJK fonts are
 * optional) or the file cannot be read: a font that is not there is skipped,
 * never an error.
 */
export function openInstalled<F>(file: string, open: (path: string) => F): F | null {
  try {
    return open(require.resolve(file));
  } catch {
    return null;
  }
}
