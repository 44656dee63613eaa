import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../tests/helpers/sample.js';
import { COVER_SIZE, coverDeclaration, coverText, decodePng, generateCover, readCoverFile, sniffImage } from './index.js';
import { coverInBackground } from './background.js';
import { Canvas } from './canvas.js';
import { crc32, encodePng } from './png.js';
import { Mask } from './raster.js';
import { COVER_WORDS, mostThatMayFit, namesText, shorten } from './fit.js';
import { face, measure, wrap } from './fonts.js';
import fc from 'fast-check';

const work = mkdtempSync(join(tmpdir(), 'anthologist-cover-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const text = { title: 'Tales of the Long Night Harbour', subtitle: 'Stories of the sea', authors: ['Ada Quill', 'Bo Li'], editor: 'E. Editor' };

const decoded = new WeakMap<Uint8Array, ReturnType<typeof decodePng>>();
const decode = (png: Uint8Array): ReturnType<typeof decodePng> => decoded.get(png) ?? (decoded.set(png, decodePng(png)), decodePng(png));

/** Share of pixels in a band of rows that differ from the background colour. */
function inked(png: Uint8Array, top: number, bottom: number): number {
  const { width, rgb } = decode(png);
  const bg = rgb.subarray(width * 3 * 300 + 3 * 300, width * 3 * 300 + 3 * 300 + 3);
  let n = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 200; x < width - 200; x++) {
      const at = (y * width + x) * 3;
      if (rgb[at] !== bg[0] || rgb[at + 1] !== bg[1] || rgb[at + 2] !== bg[2]) n += 1;
    }
  }
  return n / ((bottom - top) * (width - 400));
}

describe('generated cover', () => {
  const first = generateCover(text);

  it('is a 1600×2560 PNG', () => {
    expect(first.mediaType).toBe('image/png');
    expect(first.filename).toBe('cover.png');
    expect(sniffImage(first.bytes)).toBe('image/png');
    const { width, height } = decodePng(first.bytes);
    expect([width, height]).toEqual([COVER_SIZE.width, COVER_SIZE.height]);
  });
  it('gives the same bytes every time, and different ones for different words', () => {
    expect(Buffer.from(generateCover(text).bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(Buffer.from(generateCover({ ...text, title: 'Another Title' }).bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });
  it('draws the title in the upper half, the authors below it and the editor at the foot', () => {
    const bare = generateCover({ title: '', authors: [] }).bytes;
    expect(inked(first.bytes, 400, 1250)).toBeGreaterThan(inked(bare, 400, 1250) + 0.02);
    expect(inked(first.bytes, 1450, 1900)).toBeGreaterThan(inked(bare, 1450, 1900) + 0.005);
    expect(inked(first.bytes, 2150, 2330)).toBeGreaterThan(0.005);
    expect(inked(bare, 2150, 2330)).toBe(0);
  });
  it('leaves off words no font can set instead of printing boxes', () => {
    const bare = generateCover({ title: '', authors: [] }).bytes;
    expect(Buffer.from(generateCover({ title: 'סיפורים', authors: ['עמית'] }).bytes).equals(Buffer.from(bare))).toBe(true);
    expect(inked(generateCover({ title: 'Ночь', authors: [] }).bytes, 400, 1250)).toBeGreaterThan(inked(bare, 400, 1250) + 0.005);
  });
  it('sets a title and authors in Chinese, Japanese, Korean, Thai, Hindi, Bengali, Punjabi or Georgian in the fallback fonts', () => {
    const bare = generateCover({ title: '', authors: [] }).bytes;
    for (const [title, author] of [['海の物語', '李白'], ['바다의 노래', '김하늘'], ['ฝนตกที่กรุงเทพ', 'สมชาย'], ['नदी का गीत', 'आशा राव'], ['নদীর গান', 'রবি'], ['ਪੰਜਾਬੀ ਕਹਾਣੀਆਂ', 'ਰਵੀ'], ['მოთხრობები', 'ნინო']] as const) {
      const cover = generateCover({ title, authors: [author] }).bytes;
      const titleOnly = generateCover({ title, authors: [] }).bytes;
      expect(inked(titleOnly, 400, 1250), title).toBeGreaterThan(inked(bare, 400, 1250) + 0.005);
      expect(inked(cover, 400, 2100), author).toBeGreaterThan(inked(titleOnly, 400, 2100) + 0.001);
    }
  });
  it('fits very long titles and many authors inside the frame', () => {
    const long = generateCover({ title: 'Word '.repeat(80), authors: Array.from({ length: 40 }, (_, i) => `Author Number ${i + 1}`), editor: 'An Editor With A Long Name' });
    const { width, height, rgb } = decodePng(long.bytes);
    // Nothing but the frame is drawn in the outer margin (x < 150 or x ≥ width − 150, away from the rules).
    for (let y = 120; y < height - 120; y += 7) {
      for (const x of [110, 140, width - 141, width - 111]) expect(rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)).toEqual(rgb.subarray((300 * width + 300) * 3, (300 * width + 300) * 3 + 3));
    }
  });
  it('is made in a fresh process (fonts loaded from cold), the same bytes as here', () => {
    // dist/ is compiled by the tests' global setup. How long it takes is the bench's to measure, not a test's.
    const root = join(import.meta.dirname, '..', '..');
    const script = `const { generateCover } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'pipeline', 'cover', 'index.js')).href)});
      const { createHash } = await import('node:crypto');
      console.log(createHash('sha256').update(generateCover(${JSON.stringify(text)}).bytes).digest('hex'));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(createHash('sha256').update(generateCover(text).bytes).digest('hex'));
  });
  it('drawn on a worker thread (the compiled build), gives the same bytes as on this thread', async () => {
    // dist/ is compiled by the tests' global setup; from the sources the worker is not used.
    const root = join(import.meta.dirname, '..', '..');
    const { coverInBackground } = (await import(pathToFileURL(join(root, 'dist', 'pipeline', 'cover', 'background.js')).href)) as typeof import('./background.js');
    const a = sampleAnthology();
    const inBackground = await coverInBackground(a);
    expect(inBackground.generated).toBe(true);
    expect(Buffer.from(inBackground.bytes).equals(Buffer.from(generateCover(coverText(a.meta, a.stories)).bytes))).toBe(true);
  });
  it('names thousands of authors starting from the most that may fit, not from the last', () => {
    // Trying every count of names from the last down wrapped the whole list once per name: about 5 s for 3,000 authors.
    const names = Array.from({ length: 3000 }, (_, i) => `Author Number ${i + 1}`);
    const most = mostThatMayFit(face('regular'), names, 40, 12);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThan(100);
    expect(generateCover({ ...text, authors: names }).bytes.length).toBeGreaterThan(0);
  });
  it('cuts a line too long for the column as cutting a character at a time did', () => {
    const font = face('bold');
    // The loop it replaced, kept as the reference.
    const reference = (line: string, size: number): string => {
      let l = line;
      while (measure(font, l, size) > 1200 && l.length > 1) l = `${[...l.replace(/…$/u, '')].slice(0, -1).join('')}…`;
      return l;
    };
    const bits = ['AV', 'To', 'W', 'fi', 'ffl', 'i', ' ', 'Ж', 'é', '…', '𝒜', 'Wolfeschlegelstein', '—'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 40 }), fc.constantFrom(40, 64, 150), (xs, size) => {
      const line = xs.join('');
      expect(shorten(font, line, size)).toBe(reference(line, size));
    }), { numRuns: 300 });
  });
  it('draws a title of thousands of characters without a space', () => {
    // Cutting it a character at a time took 10 s for 2,000 characters (now a halving search: see the test of
    // longestFitting, which bounds how often it measures). The limit is far above the time on a busy machine.
    const t = performance.now();
    expect(generateCover({ ...text, title: 'A'.repeat(3000) }).bytes.length).toBeGreaterThan(0);
    expect(performance.now() - t).toBeLessThan(10_000);
  });
  it('names the most authors that fit, as trying every count from the last down did', () => {
    const font = face('regular');
    // The search it replaced, kept as the reference: every count of names, most first.
    const reference = (names: string[], total: number, maxLines: number): string | null => {
      for (let shown = names.length; shown > 0; shown--) {
        const rest = total - shown;
        const some = names.slice(0, shown);
        const t = rest ? `${some.join(', ')} ${COVER_WORDS.more.replace('{n}', String(rest))}` : some.length > 1 ? `${some.slice(0, -1).join(', ')} and ${some.at(-1)}` : some[0]!;
        if (wrap(font, t, 40, 1200).length <= maxLines) return t;
      }
      return null;
    };
    // Short and long names, one wider than the column (it takes a line of its own), one of two words.
    const pool = ['Ann Lee', 'Bartholomew Fitzgerald-Montgomery', 'Zoë', 'Jean-Luc Picard de la Tour', 'X', 'Mary Ann Evans', 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 150 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 20 }), (names, unset, maxLines) => {
      expect(namesText(font, names, names.length + unset, maxLines)).toBe(reference(names, names.length + unset, maxLines));
    }), { numRuns: 300 });
  });
  it('takes the title, subtitle, every known author once and the editor from the book', () => {
    const a = sampleAnthology();
    a.stories[1]!.meta.authors = ['Bo Li', 'Ada Quill'];
    expect(coverText(a.meta, a.stories)).toEqual({ title: 'Tales & <Stories>', authors: ['Ada Quill', 'Bo Li'], editor: 'E. Editor' });
  });
});

describe("the editor's cover file", () => {
  const png = encodePng(2, 3, new Uint8Array(18).fill(200));
  const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16);
  const file = (name: string, bytes: Uint8Array | string): string => {
    const p = join(work, name);
    writeFileSync(p, bytes);
    return p;
  };

  it('is typed by its bytes, not its name', () => {
    expect(readCoverFile(file('really-a-png.jpg', png))).toMatchObject({ mediaType: 'image/png', filename: 'cover.png', generated: false });
    expect(readCoverFile(file('really-a-jpeg.png', jpeg))).toMatchObject({ mediaType: 'image/jpeg', filename: 'cover.jpg' });
    expect(coverDeclaration({ ...sampleAnthology().meta, cover: join(work, 'really-a-jpeg.png') })).toEqual({ filename: 'cover.jpg', mediaType: 'image/jpeg' });
  });
  it('is used as it is, byte for byte', async () => {
    const a = sampleAnthology();
    a.meta.cover = file('mine.png', png);
    expect(Buffer.from((await coverInBackground(a)).bytes).equals(Buffer.from(png))).toBe(true);
  });
  it('is refused with a message naming it when it is not a PNG or JPEG', () => {
    const bad = file('cover.png', 'GIF89a not really');
    expect(() => readCoverFile(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a PNG or JPEG`));
    expect(coverDeclaration({ ...sampleAnthology().meta, cover: bad })).toEqual({ filename: 'cover.png', mediaType: 'image/png' });
  });
  it('is refused with a message naming it when it cannot be read', () => {
    const missing = join(work, 'no-such-cover.png');
    expect(() => readCoverFile(missing)).toThrow(/cannot read the cover image .*no-such-cover\.png: ENOENT/);
    expect(() => coverDeclaration({ ...sampleAnthology().meta, cover: missing })).not.toThrow();
  });
});

describe('rasteriser', () => {
  // rows() reuses one buffer, so each row is copied as it comes.
  const coverage = (m: Mask): number[][] => Array.from(m.rows(), (r) => [...r.coverage].map((v) => Math.round(v * 1000) / 1000));
  it('covers pixels by exact area, anti-aliasing partial ones', () => {
    const m = new Mask(5, 3);
    m.polygon([[1.5, 1], [3.5, 1], [3.5, 2], [1.5, 2]]);
    expect(coverage(m)).toEqual([[0, 0, 0, 0, 0], [0, 0.5, 1, 0.5, 0], [0, 0, 0, 0, 0]]);
    const d = new Mask(2, 2);
    d.polygon([[0, 0], [2, 2], [0, 2]]);
    expect(coverage(d)).toEqual([[0.5, 0], [1, 0.5]]);
  });
  it('fills overlapping outlines of one direction once, and leaves counter-wound holes empty', () => {
    const m = new Mask(4, 1);
    m.polygon([[0, 0], [3, 0], [3, 1], [0, 1]]);
    m.polygon([[1, 0], [4, 0], [4, 1], [1, 1]]);
    expect(coverage(m)).toEqual([[1, 1, 1, 1]]);
    const h = new Mask(3, 1);
    h.polygon([[0, 0], [3, 0], [3, 1], [0, 1]]);
    h.polygon([[1, 0], [1, 1], [2, 1], [2, 0]]);
    expect(coverage(h)).toEqual([[1, 0, 1]]);
  });
  it('paints through a mask, blending partial coverage', () => {
    const c = new Canvas(2, 1, [0, 0, 0]);
    const m = new Mask(2, 1);
    m.polygon([[0, 0], [1.5, 0], [1.5, 1], [0, 1]]);
    c.paint(m, 0, 0, [200, 100, 50]);
    expect([...c.rgb]).toEqual([200, 100, 50, 100, 50, 25]);
  });
});

describe('PNG encoding', () => {
  it('round-trips pixels and checksums its chunks', () => {
    const rgb = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) & 0xff);
    expect(decodePng(encodePng(5, 4, rgb))).toEqual({ width: 5, height: 4, rgb });
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });
});
