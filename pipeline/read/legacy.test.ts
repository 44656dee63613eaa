import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { decodeBytes } from './decode.js';
import { LEGACY_ENCODINGS } from './legacy.js';
import { readingScore } from './reading.js';

/**
 * fixtures/legacy: a paragraph in each of 24 languages, saved in the
 * encoding their writers' old software used (made with Python's codecs),
 * and `expected.json`: what each was written in, what it must be read as,
 * and, where that is the same, the text it must give back (or part of it:
 * UTF-8 with one stray byte is read as Windows-1252 and repaired, and the
 * repair leaves a one-letter word as it is).
 */
const DIR = join(import.meta.dirname, 'fixtures', 'legacy');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { written: string; read: string; text?: string; contains?: string }>;

const read = (file: string) => {
  const messages = new Messages();
  return { decoded: decodeBytes(readFileSync(join(DIR, file)), file, messages), messages: messages.list };
};

describe('a file that is not UTF-8', () => {
  it.each(Object.entries(expected))('%s is read in the encoding it was written in, or else as Windows-1252', (file, want) => {
    const { decoded, messages } = read(file);
    expect(decoded?.encoding).toBe(want.read);
    if (want.text !== undefined) expect(decoded?.text).toBe(want.text.normalize('NFC'));
    if (want.contains !== undefined) expect(decoded?.text).toContain(want.contains);
    expect(messages[0]).toMatchObject({ code: 'input/fallback-encoding', severity: 'warning', file });
    expect(messages[0]!.message).toContain(want.read === 'windows-1252' ? 'read as Windows-1252' : 'in which its text reads as words');
  });

  it('covers every legacy encoding it can answer, and reads Western text as Windows-1252 in every sample', () => {
    const answered = new Set(Object.values(expected).map((e) => e.read));
    for (const encoding of LEGACY_ENCODINGS) expect(answered, encoding).toContain(encoding);
    const western = Object.entries(expected).filter(([, e]) => e.written === 'windows-1252');
    expect(western.length).toBeGreaterThanOrEqual(7);
    for (const [file] of western) expect(read(file).decoded?.encoding, file).toBe('windows-1252');
  });

  it('reads UTF-8 with a stray byte as Windows-1252 and repairs it, in Japanese as in Russian', () => {
    const japanese = '彼女は「家に帰ろう」と言った。雨は一晩中降っていた。誰も眠れなかった。古い猫だけが窓のそばに座っていた。';
    const bytes = Uint8Array.from([...new TextEncoder().encode(japanese), 0x20, 0x93, 0x48, 0x69, 0x94]);
    const messages = new Messages();
    const decoded = decodeBytes(bytes, 'j.txt', messages);
    expect(decoded).toEqual({ text: `${japanese} “Hi”`, encoding: 'windows-1252' });
    expect(messages.list.map((m) => m.code)).toEqual(['input/fallback-encoding', 'input/double-encoded']);
  });

  it('names the encoding, and reports bytes that are no character in it', () => {
    // Windows-1251 text with 0x98, the one byte Windows-1251 leaves undefined.
    const bytes = Uint8Array.from([...readFileSync(join(DIR, 'ru.txt')), 0x20, 0x98, 0x0a]);
    const messages = new Messages();
    const decoded = decodeBytes(bytes, 'r.txt', messages);
    expect(decoded?.encoding).toBe('windows-1251');
    expect(decoded?.text).toContain('вечер. \uFFFD');
    expect(messages.list.map((m) => [m.code, m.message])).toEqual([
      ['input/fallback-encoding', 'r.txt is not valid UTF-8; read as Windows-1251 (Cyrillic), in which its text reads as words'],
      ['input/invalid-chars', 'r.txt: 1 byte sequence(s) that are no character in Windows-1251 (Cyrillic) were replaced by U+FFFD, the first at line 1'],
    ]);
  });
});

describe('readingScore', () => {
  it.each([
    ['Western words, an accent here and there', "L'été à Paris, où la fenêtre s'ouvre", 1],
    ['Russian read as Windows-1252: words all of accents', 'Íî÷íîé äîæäü', 0],
    ['Polish read as Windows-1252: a letter read as a symbol', 'By³o bardzo zimno, wiêc za³o¿y³a p³aszcz', 0.6],
    ['Russian as it should read', 'Ночной дождь шёл всю ночь, и никто не спал', 1],
    ['Cyrillic capitals inside words (UTF-8 read as Windows-1251)', 'РќРѕС‡РЅРѕР№ РґРѕР¶РґСЊ', 0],
  ])('%s', (_, text, most) => {
    const score = readingScore(text);
    expect(score.words).toBeGreaterThan(0);
    if (most === 1) expect(score.value).toBe(1);
    else expect(score.value).toBeLessThanOrEqual(most);
  });

  it('judges Cyrillic by its share of vowels: Hebrew letters read as Cyrillic are words, but not Russian ones', () => {
    const hebrewAsCyrillic = new TextDecoder('windows-1251').decode(readFileSync(join(DIR, 'he.txt')));
    expect(readingScore(hebrewAsCyrillic).value).toBeLessThan(0.5);
    expect(readingScore(new TextDecoder('windows-1255').decode(readFileSync(join(DIR, 'he.txt')))).value).toBeGreaterThan(0.9);
  });
});
