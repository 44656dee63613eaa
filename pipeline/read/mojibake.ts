import { windows1252Byte } from './decode.js';

/** The result of {@link repairMojibake}. */
export interface MojibakeRepair {
  text: string;
  /** How many characters were restored (one per repaired UTF-8 sequence, summed over passes). */
  repairs: number;
}

// Fatal, so that overlong forms (C0/C1, E0 80), surrogates (ED A0) and code
// points above U+10FFFF (F4 90) are refused instead of becoming U+FFFD.
// ignoreBOM keeps a twice-encoded BOM ("ï»¿") as U+FEFF instead of ''.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Triple encoding ("Ã¢â‚¬â„¢" for ’) needs a second pass; the cap only
// guards against a loop, real files never need more than two or three.
const MAX_PASSES = 4;

/**
 * Characters accepted when a repair stands alone between ordinary text.
 * Legitimate text can hold a lead letter next to punctuation by chance —
 * "CAFÉ’S" is the bytes C9 92, "Straße“" is DF 93, "café…”" is E9 85 94 —
 * and those decode to IPA, N'Ko or CJK. The characters that Western text
 * really loses to double encoding are in these blocks, so a lone sequence
 * must decode into one of them. Runs of two or more sequences are accepted
 * in any script (see {@link repairMojibake}).
 */
const LONE_OK: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x017f], // Latin-1 Supplement and Latin Extended-A: é, ñ, £, Œ, ł …
  [0x2000, 0x206f], // General Punctuation: ’ “ ” — – … •
  [0x20a0, 0x20cf], // currency: €
  [0x2100, 0x27bf], // letterlike (™), number forms, arrows, math, shapes, dingbats
  [0xfb00, 0xfb06], // Latin ligatures (ﬁ ﬂ from PDF copy-and-paste)
  [0xfeff, 0xfeff], // a byte order mark encoded twice ("ï»¿")
  [0x1f000, 0x1faff], // emoji
];

/**
 * Repairs text that was UTF-8, was decoded as Windows-1252 and was saved
 * again as UTF-8 ("â€™" for ’, "Ã©" for é).
 *
 * Each character is mapped back to its Windows-1252 byte (C1 controls such
 * as U+009D stand for the five bytes Windows-1252 leaves undefined). Where
 * those bytes form a well-formed UTF-8 sequence — a lead byte C2–F4 and its
 * continuation bytes 80–BF — that decodes without error, the sequence is a
 * candidate. A maximal run of two or more adjacent candidates is replaced
 * (chance cannot produce "ÐŸÑ€Ð¸" in real text); a lone candidate is replaced
 * only when it decodes to a character Western text commonly loses this way
 * ({@link LONE_OK}). Everything else, including correct accented text
 * ("café", "Ångström", "Œuvre", "£5"), is left exactly as it was, so a file
 * that is only partly double-encoded is repaired piecewise.
 *
 * Passes repeat until nothing changes, so the result is a fixed point:
 * repairing repaired text changes nothing.
 *
 * Not repaired: sequences whose undefined byte was already lost (turned into
 * U+FFFD or dropped, as in "â€" for ”), and lone non-Latin characters.
 */
export function repairMojibake(text: string): MojibakeRepair {
  let repairs = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const r = repairOnce(text);
    if (r.repairs === 0) break;
    text = r.text;
    repairs += r.repairs;
  }
  return { text, repairs };
}

function repairOnce(text: string): MojibakeRepair {
  let out = '';
  let copied = 0; // text before this index is already in `out`
  let repairs = 0;
  let i = 0;
  while (i < text.length) {
    const run: string[] = [];
    let end = i;
    for (let seq = sequenceAt(text, end); seq; seq = sequenceAt(text, end)) {
      run.push(seq.char);
      end = seq.end;
    }
    if (run.length > 1 || (run.length === 1 && loneOk(run[0]!) && !capsBeforePunctuation(text, i, end))) {
      out += text.slice(copied, i) + run.join('');
      copied = i = end;
      repairs += run.length;
    } else {
      // A rejected lone sequence's next character is a continuation byte,
      // which cannot lead a sequence, so stepping one is enough and safe.
      i++;
    }
  }
  return { text: copied === 0 ? text : out + text.slice(copied), repairs };
}

/**
 * The UTF-8 sequence whose Windows-1252 bytes start at `i`, decoded, if
 * there is one and it is a usable character.
 */
function sequenceAt(text: string, i: number): { char: string; end: number } | null {
  const lead = windows1252Byte(text.charCodeAt(i));
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return null;
  const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (i + length > text.length) return null;
  const bytes = new Uint8Array(length);
  bytes[0] = lead;
  for (let k = 1; k < length; k++) {
    const b = windows1252Byte(text.charCodeAt(i + k));
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
    bytes[k] = b;
  }
  let char: string;
  try {
    char = utf8.decode(bytes);
  } catch {
    return null;
  }
  const cp = char.codePointAt(0)!;
  // C1 controls (C2 80–C2 9F) and non-characters are never what an author
  // typed, so they would only turn one kind of garbage into another.
  if (cp < 0xa0 || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return null;
  return { char, end: i + length };
}

// Closing quotes, dashes and the ellipsis are continuation bytes (92 94 BB
// 9B 85 97 96) that often follow a word directly.
const CLOSING = /^[’”»›…—–]$/u;

/**
 * An all-caps word may end in Ã, Ä or Å right before a closing quote, dash
 * or ellipsis: Portuguese “ATÉ AMANHÔ, Swedish »PÅ». Those two characters
 * also read as the UTF-8 of Ô or Ż, so such a lone sequence is left alone.
 * Mojibake in lower-case words ("sÄ…" for są) is still repaired.
 */
function capsBeforePunctuation(text: string, i: number, end: number): boolean {
  return end - i === 2 && 'ÃÄÅ'.includes(text[i]!) && /^\p{Lu}$/u.test(text[i - 1] ?? '')
    && CLOSING.test(text[i + 1]!) && !/^\p{L}$/u.test(text[end] ?? '');
}

function loneOk(char: string): boolean {
  const cp = char.codePointAt(0)!;
  return LONE_OK.some(([lo, hi]) => cp >= lo && cp <= hi);
}
