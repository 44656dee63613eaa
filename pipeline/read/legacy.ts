/**
 * Which legacy encoding a file that is not UTF-8 was written in, judged by
 * how its text reads. Windows-1252 stays the answer unless another reads
 * clearly better: a Russian file in Windows-1251 read as Windows-1252 is
 * all accented Latin letters ("Íî÷íîé äîæäü"), where Western text has an
 * accented letter here and there among plain ones; a Japanese file in
 * Shift_JIS read as a Chinese encoding has no kana and few common
 * characters. Only a sample of the file is judged.
 */

import { readingScore, readsLikeProse } from './reading.js';

/** A legacy encoding: its WHATWG label and its name for messages. */
export interface Legacy {
  encoding: string;
  name: string;
}

/** Single-byte encodings other than Windows-1252, each read with its script's own letters. */
const SINGLE: readonly Legacy[] = [
  { encoding: 'windows-1251', name: 'Windows-1251 (Cyrillic)' },
  { encoding: 'koi8-r', name: 'KOI8-R (Cyrillic)' },
  { encoding: 'ibm866', name: 'IBM 866 (Cyrillic)' },
  { encoding: 'windows-1250', name: 'Windows-1250 (Central European)' },
  { encoding: 'windows-1253', name: 'Windows-1253 (Greek)' },
  { encoding: 'windows-1255', name: 'Windows-1255 (Hebrew)' },
  { encoding: 'windows-1256', name: 'Windows-1256 (Arabic)' },
  { encoding: 'windows-874', name: 'Windows-874 (Thai)' },
];

/** Multi-byte encodings of Chinese, Japanese and Korean: text in one is rarely valid in another. */
const CJK: readonly Legacy[] = [
  { encoding: 'shift_jis', name: 'Shift_JIS (Japanese)' },
  { encoding: 'euc-jp', name: 'EUC-JP (Japanese)' },
  { encoding: 'gb18030', name: 'GB18030 (Chinese)' },
  { encoding: 'big5', name: 'Big5 (Chinese)' },
  { encoding: 'euc-kr', name: 'EUC-KR (Korean)' },
];

/** Every encoding `guessLegacy` may answer. */
export const LEGACY_ENCODINGS: ReadonlySet<string> = new Set([...SINGLE, ...CJK].map((l) => l.encoding));

/** Bytes judged: enough text for a clear answer, little enough to try every encoding quickly. */
const SAMPLE_BYTES = 8 * 1024;
/** Words with a letter beyond ASCII, and such letters, a single-byte reading needs before it is believed. */
const MIN_WORDS = 3;
const MIN_LETTERS = 16;
/** How much better than Windows-1252 another single-byte reading must read (see `readingScore`). */
const BETTER = 0.3;
/** Characters beyond ASCII a CJK reading needs before it is believed. */
const MIN_CJK_CHARS = 12;

/**
 * The encoding `bytes` (not UTF-8) read best in, if not Windows-1252:
 * `latin` is how the caller reads them as Windows-1252 (repairs included),
 * the reading every other must beat.
 */
export function guessLegacy(bytes: Uint8Array, latin: (sample: Uint8Array) => string): Legacy | undefined {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const cjk = bestCjk(sample);
  if (cjk) return cjk;
  const base = readingScore(latin(sample));
  // Another reading must beat this one by BETTER, and none reads better than every word: Western text stops here.
  if (base.value > 1 - BETTER) return undefined;
  let best: { legacy: Legacy; score: number } | undefined;
  // Only the likeliest few are read word by word: that is most of the time this takes.
  for (const legacy of likeliest(sample).slice(0, READ_WHOLE)) {
    const score = readingScore(decode(legacy.encoding, sample, false)!);
    if (score.words >= MIN_WORDS && score.letters >= MIN_LETTERS && score.value > (best?.score ?? 0)) best = { legacy, score: score.value };
  }
  // Clearly better, not merely as good: Western text must never be read as anything else.
  return best && best.score >= 0.8 && best.score > base.value + BETTER ? best.legacy : undefined;
}

/** Single-byte readings judged word by word. */
const READ_WHOLE = 2;

/** Per single-byte encoding, the characters of bytes 0x80–0xFF. */
const TABLES = new Map<string, string[]>();

function tableOf(encoding: string): string[] {
  let table = TABLES.get(encoding);
  if (!table) TABLES.set(encoding, (table = [...new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i))]));
  return table;
}

/**
 * The single-byte encodings, likeliest first, judged by the bytes beyond
 * ASCII alone (counted once): how many of them each reads as letters, with
 * the vowels and the capitals of real text where its alphabet has them.
 */
function likeliest(sample: Uint8Array): Legacy[] {
  const counts = new Uint32Array(128);
  for (const b of sample) if (b >= 0x80) counts[b - 0x80]!++;
  const scored = SINGLE.map((legacy) => {
    const table = tableOf(legacy.encoding);
    let [all, letters] = [0, 0];
    counts.forEach((n, i) => {
      all += n;
      if (LETTER.test(table[i]!)) letters += n;
    });
    const prose = readsLikeProse((visit) => counts.forEach((n, i) => n > 0 && visit(table[i]!.charCodeAt(0), n)));
    return { legacy, score: all === 0 ? 0 : (letters / all) * (prose ? 1 : 0.3) };
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.legacy);
}

const LETTER = /^\p{L}$/u;

function decode(encoding: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    // stream: a multi-byte character cut off at the sample's end is not an error.
    return new TextDecoder(encoding, { fatal }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
}

/**
 * The CJK encoding whose reading is valid and most like real text (kana
 * for Japanese, Hangul for Korean, the commonest characters for Chinese),
 * if one is plainly so.
 */
function bestCjk(sample: Uint8Array): Legacy | undefined {
  let best: { legacy: Legacy; score: number } | undefined;
  for (const legacy of CJK) {
    const text = decode(legacy.encoding, sample, true);
    if (text === undefined) continue;
    let wide = 0;
    let native = 0;
    for (const c of text) {
      const code = c.codePointAt(0)!;
      if (code < 0x80) continue;
      wide++;
      if (nativeTo(legacy.encoding, c, code)) native++;
    }
    const score = wide === 0 ? 0 : native / wide;
    if (wide >= MIN_CJK_CHARS && score > (best?.score ?? 0)) best = { legacy, score };
  }
  return best && best.score >= 0.3 ? best.legacy : undefined;
}

/** Whether a character is one real text in the encoding's language is full of. */
function nativeTo(encoding: string, c: string, code: number): boolean {
  if (encoding === 'euc-kr') return code >= 0xac00 && code <= 0xd7a3;
  // Hiragana and katakana (not the half-width forms a misread byte gives), and Japanese punctuation.
  if (encoding === 'shift_jis' || encoding === 'euc-jp') return (code >= 0x3040 && code <= 0x30ff) || code === 0x3001 || code === 0x3002;
  return COMMON_HAN.includes(c) || code === 0x3001 || code === 0x3002 || code === 0xff0c;
}

/**
 * The hundred commonest characters of written Chinese, and the
 * traditional forms of those that have one: about a third of any Chinese
 * text, rare in text read in the wrong encoding.
 */
const COMMON_HAN =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实' +
  '這個們來為國說時會對於著過發後裡麼學現當沒動還進樣開從實';
