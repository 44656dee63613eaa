import type { Messages } from '../diagnostics/index.js';
import { repairMojibake } from './mojibake.js';
import { guessLegacy } from './legacy.js';

/** Text decoded from bytes, with the encoding that was used. */
export interface Decoded {
  text: string;
  encoding: string;
}

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, and the two non-characters).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// Form feed and vertical tab: white space between words (old text files put a form
// feed at each page break, often mid-line). Removed like the other controls, they
// would join the words on either side ("word\fand" became "wordand"); a space keeps
// them apart and keeps every line number where the editor sees it.
const SPACING_CONTROLS = /[\u000B\u000C]/g;

/**
 * Decodes a story file's bytes: BOMs for UTF-8 and UTF-16, UTF-16 without a
 * BOM when its zero bytes make it unmistakable (reported), strict UTF-8, and
 * as the fallback (reported) Windows-1252, or the legacy encoding in which
 * the text reads as words when it plainly does not in Windows-1252
 * (Cyrillic, Greek, Hebrew, Arabic, Thai, Central European, Chinese,
 * Japanese, Korean: see `guessLegacy`). Then repairs double-encoded UTF-8
 * (reported), reads C1 controls as Windows-1252 punctuation (reported), turns
 * CRLF/CR into LF and applies NFC. Rejects binary and
 * blank files with an error naming the file.
 *
 * The mojibake repair runs after every decoding, the Windows-1252 fallback
 * included: a file that fails strict UTF-8 is often a mix of Windows-1252
 * bytes and real UTF-8, and the UTF-8 parts then read as mojibake that the
 * same repair restores.
 */
export function decodeBytes(bytes: Uint8Array, file: string, messages: Messages): Decoded | null {
  let text: string;
  let encoding: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const utf16 = decodeUtf16(bytes.subarray(2), encoding === 'utf-16le');
    text = utf16.text;
    if (utf16.faults > 0) {
      const at = positionOf(text, utf16.first);
      messages.add('input/invalid-chars', `${file}: ${utf16.faults} code unit(s) that are no character (a lone surrogate or a stray last byte) were replaced by U+FFFD, the first at line ${at.line}`, { file, ...at });
    }
  } else if (looksBinary(bytes)) {
    const utf16 = utf16WithoutBom(bytes);
    if (!utf16) {
      // Where the first NUL is, for a text file damaged early on: the editor can remove it and build again.
      const nul = bytes.indexOf(0);
      const line = bytes.subarray(0, nul).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
      messages.add('input/binary', `${file} is not a text file (it holds binary data: a NUL byte on line ${line}, byte ${nul + 1})`, { file, line });
      return null;
    }
    ({ text, encoding } = utf16);
    messages.add('input/missing-bom', `${file} has no byte order mark; read as ${encoding.toUpperCase()}`, { file });
  } else {
    try {
      // ignoreBOM: false makes the decoder drop a UTF-8 BOM.
      [text, encoding] = [new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8'];
    } catch {
      const legacy = guessLegacy(bytes, (sample) => repairMojibake(decodeWindows1252(sample)).text);
      if (legacy) {
        // A byte the encoding leaves undefined is no character (WHATWG's Windows-1251 gives 0x98 as a C1 control).
        [text, encoding] = [new TextDecoder(legacy.encoding).decode(bytes).replace(/[\u0080-\u009F]/g, '\uFFFD'), legacy.encoding];
        messages.add('input/fallback-encoding', `${file} is not valid UTF-8; read as ${legacy.name}, in which its text reads as words`, { file });
        const bad = text.indexOf('\uFFFD');
        if (bad >= 0) {
          const count = text.split('\uFFFD').length - 1;
          const at = positionOf(text, bad);
          messages.add('input/invalid-chars', `${file}: ${count} byte sequence(s) that are no character in ${legacy.name} were replaced by U+FFFD, the first at line ${at.line}`, { file, ...at });
        }
      } else {
        [text, encoding] = [decodeWindows1252(bytes), 'windows-1252'];
        messages.add('input/fallback-encoding', `${file} is not valid UTF-8; read as Windows-1252`, { file });
      }
    }
  }
  // Control characters go first: one standing inside a double-encoded sequence would hide it from the repair.
  text = text.replace(SPACING_CONTROLS, ' ');
  const invalid = text.match(XML_INVALID);
  if (invalid) {
    // Where the first was, so the editor can look: lines counted as the parser will count them.
    const first = text.search(XML_INVALID);
    const before = text.slice(0, first).split(/\r\n|\r|\n/u);
    const at = { line: before.length, column: before[before.length - 1]!.length + 1 };
    text = text.replace(XML_INVALID, '');
    messages.add('input/control-chars', `${file}: removed ${invalid.length} control character(s) that XML does not allow, the first at line ${at.line}`, { file, ...at });
  }
  const repaired = repairMojibake(text);
  if (repaired.repairs > 0) {
    text = repaired.text;
    const how = encoding === 'windows-1252' ? 'UTF-8 inside Windows-1252 text' : 'UTF-8 read as Windows-1252';
    messages.add('input/double-encoded', `${file}: repaired ${repaired.repairs} character(s) encoded twice (${how})`, { file });
  }
  // The undefined bytes the repair did not need are no character: shown as such, as before.
  if (encoding === 'windows-1252') text = text.replace(CP1252_UNDEFINED, '\uFFFD');
  // After the repair, which reads C1 controls inside a twice-encoded sequence as its bytes.
  const restored = restoreC1(text);
  if (restored.count > 0) {
    text = restored.text;
    const first = restored.first;
    messages.add('input/control-punctuation', `${file}: read ${restored.count} C1 control character(s) as the Windows-1252 punctuation they stand for, the first at line ${first.line}`, { file, ...first });
  }
  // A BOM that was itself encoded twice ("ï»¿") comes back from the repair
  // as U+FEFF; it is a mark, not text, like the BOMs the decoders drop.
  text = text.replace(/^\uFEFF/u, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim() === '') {
    messages.add('input/empty', `${file} is empty`, { file });
    return null;
  }
  return { text, encoding };
}

/**
 * Decodes UTF-16 (its BOM already taken off). A lone surrogate (half of a
 * character whose other half was lost when the file was cut or spliced) or
 * an odd last byte is no character: the decoder gives U+FFFD for each, and
 * `faults` says how many there were and `first` where the first is in the
 * text, so that the replacement is reported, not silent. Each code unit is
 * one of the text's, so a unit's index is its place in the text.
 */
function decodeUtf16(bytes: Uint8Array, le: boolean): { text: string; faults: number; first: number } {
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
  let faults = 0;
  let first = -1;
  // Most files hold no U+FFFD at all, and then nothing was replaced.
  if (!text.includes('\uFFFD')) return { text, faults, first };
  const units = bytes.length >> 1;
  const unit = (k: number): number => (le ? bytes[2 * k]! | (bytes[2 * k + 1]! << 8) : (bytes[2 * k]! << 8) | bytes[2 * k + 1]!);
  for (let k = 0; k < units; k++) {
    const u = unit(k);
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u <= 0xdbff && k + 1 < units && (unit(k + 1) & 0xfc00) === 0xdc00) k++;
    else if (faults++ === 0) first = k;
  }
  if (bytes.length % 2 !== 0 && faults++ === 0) first = units;
  return { text, faults, first };
}

/** The line and column of `index` in `text`, lines counted as the parser will count them. */
function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split(/\r\n|\r|\n/u);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// C1 controls whose byte Windows-1252 gives a character to (all but 0x81, 0x8D, 0x8F, 0x90, 0x9D).
const C1_DEFINED = /[\u0080\u0082-\u008C\u008E\u0091-\u009C\u009E\u009F]/gu;

/**
 * Reads C1 control characters (U+0080–U+009F) as the Windows-1252
 * characters of the same byte. Nobody types a C1 control: in a story file
 * one is Windows-1252 punctuation that a Latin-1 decoder kept as a code
 * ("don\u0092t" for "don’t", \u0093 \u0094 for curly quotes, \u0085 for an
 * ellipsis) before the text was saved as UTF-8. Left as they are, no reader
 * or font shows them, so "don\u0092t" reads "dont". The five bytes
 * Windows-1252 leaves undefined stand for nothing and are left as they are.
 * `first` is where the first was, with lines counted as the parser counts them.
 */
function restoreC1(text: string): { text: string; count: number; first: { line: number; column: number } } {
  const at = text.search(C1_DEFINED);
  if (at < 0) return { text, count: 0, first: { line: 0, column: 0 } };
  const first = positionOf(text, at);
  let count = 0;
  const out = text.replace(C1_DEFINED, (c) => {
    count++;
    return CP1252[c.charCodeAt(0) - 0x80]!;
  });
  return { text: out, count, first };
}

/**
 * NUL bytes do not occur in 8-bit text: any in the first 8 KB mean an image,
 * an archive or UTF-16 without a BOM (the rule git and grep follow). A NUL
 * further on is removed and reported with the other control characters.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Recognises UTF-16 saved without a BOM, which is only safe when the text is
 * mostly Latin: then one byte of nearly every pair is zero and the other
 * almost never is. Images, archives and PDFs have zeros in both lanes; a
 * table of small 16-bit numbers passes that test but decodes to control
 * characters, which real text does not hold.
 */
function utf16WithoutBom(bytes: Uint8Array): Decoded | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 8192);
  const zeros = [0, 0]; // zero bytes at even and at odd offsets
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i % 2]!++;
  const units = n / 2;
  const [even, odd] = zeros as [number, number];
  const encoding = odd >= units * 0.9 && even <= units * 0.05 ? 'utf-16le'
    : even >= units * 0.9 && odd <= units * 0.05 ? 'utf-16be' : null;
  if (!encoding) return null;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null; // unpaired surrogates: not text
  }
  if (/[\u0000-\u0008\u000B-\u000C\u000E-\u001F]/u.test(text) || !/\p{L}/u.test(text)) return null;
  return { text, encoding };
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder
// treats the label as Latin-1 (turning curly quotes into C1 controls), so
// the table is spelled out here. Undefined bytes are U+FFFD in the table.
const CP1252 = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** The C1 controls that stand for the five bytes Windows-1252 leaves undefined. */
const CP1252_UNDEFINED = /[\u0081\u008D\u008F\u0090\u009D]/gu;

/**
 * Decodes Windows-1252 bytes. The five undefined bytes become the C1
 * controls of the same value (as browsers decode them), not U+FFFD: they
 * are continuation bytes of UTF-8 ("”" is E2 80 9D, "Á" is C3 81), and a
 * file that is UTF-8 but for one stray byte is read this way, so the
 * mojibake repair must still see them. `decodeBytes` turns those it leaves
 * into U+FFFD.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f && CP1252.charCodeAt(b - 0x80) !== 0xfffd ? CP1252[b - 0x80]! : String.fromCharCode(b)));
    out += chunk.join('');
  }
  return out;
}

// The reverse of CP1252 for 0x80–0x9F (the special characters only).
const CP1252_SPECIAL = new Map<number, number>();
for (let b = 0x80; b <= 0x9f; b++) if (CP1252.charCodeAt(b - 0x80) !== 0xfffd) CP1252_SPECIAL.set(CP1252.charCodeAt(b - 0x80), b);

/**
 * The Windows-1252 byte for a UTF-16 code unit, or undefined if it has none.
 * C1 controls U+0080–U+009F map to the byte of the same value: tools that
 * mis-decode keep the five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * that way, and a Latin-1 decoder (Node's "windows-1252") keeps all of them.
 */
export function windows1252Byte(code: number): number | undefined {
  return code <= 0xff ? code : CP1252_SPECIAL.get(code);
}
