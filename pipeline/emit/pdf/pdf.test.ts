import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { Messages } from '../../diagnostics/index.js';
import type { Anthology, Story } from '../../model.js';
import { plainText } from '../../shared/inline.js';
import { authorLine, labelsFor, noteLabel } from '../../shared/labels.js';
import { measure, pdfEmitter } from './index.js';
import { permissionSentence, rightsSentence } from '../../shared/labels.js';

const LABELS = labelsFor('en');

/** Emits a book as the runner would. */
async function emitPdf(anthology: Anthology): Promise<Uint8Array> {
  const rendered = { docs: [], css: '', opf: '', ncx: '', nav: '' };
  return pdfEmitter.emit({ anthology, rendered, messages: new Messages() });
}

/** The sample's stories repeated until there are `n`, each with its own id and title. */
function bigAnthology(n: number): Anthology {
  const a = sampleAnthology();
  const base = a.stories;
  a.stories = Array.from({ length: n }, (_, i) => {
    const s = base[i % base.length]!;
    return { ...s, id: `s${i + 1}`, meta: { ...s.meta, displayTitle: `${s.meta.displayTitle} (${i + 1})` } };
  });
  return a;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');
/** Han text sits between other words without spaces in the sample; it is checked on its own. */
const HAN = /\p{Script=Han}/u;
/** A note's label as the book shows it: without the colon that ends it in running text. */
const label = (n: Parameters<typeof noteLabel>[0]): string => noteLabel(n, LABELS).replace(/\s*:\s*$/u, '');

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Text of each page (index 0 is page 1); pdftotext ends every page with a form feed. */
const pageTexts = (file: string, layout = false): string[] => run('pdftotext', [...(layout ? ['-layout'] : []), file, '-']).split('\f');

interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}
interface QpdfJson {
  outlines: Outline[];
  pages: { object: string; pageposfrom1: number }[];
  qpdf: [unknown, Record<string, { value?: unknown }>];
}
const qpdfJson = (file: string): QpdfJson => JSON.parse(run('qpdf', ['--json', file])) as QpdfJson;

/** Every story's words in reading order: headings and blocks, end notes, signature. */
function storyWords(story: Story): string[] {
  const out: string[] = [];
  for (const ch of story.chapters) {
    if (ch.heading) out.push(...words(plainText(ch.heading)));
    for (const b of ch.blocks) {
      if (b.kind === 'paragraph') out.push(...words(plainText(b.inlines)));
      else if (b.kind === 'epigraph') {
        for (const l of b.lines) out.push(...words(plainText(l.inlines)));
        if (b.attribution) out.push(...words(plainText(b.attribution)));
      } else if (b.kind === 'endMarker') out.push(...words(b.text));
    }
  }
  for (const n of story.end) out.push(...words(label(n)), ...n.blocks.flatMap((p) => words(plainText(p.inlines))));
  if (story.signature) out.push(...words(story.signature.name), ...words(story.signature.date ?? ''));
  return out;
}

/** Every word the book must show somewhere. */
function bookWords(a: Anthology): string[] {
  const out = [a.meta.title, a.meta.editor ?? '', LABELS.contents, LABELS.contributors].flatMap(words);
  for (const s of a.stories) {
    const m = s.meta;
    out.push(...[m.displayTitle, m.subtitle ?? '', authorLine(m, LABELS), m.series?.statement ?? '', rightsSentence(m, LABELS)].flatMap(words));
    if (m.title === null) out.push(...words(LABELS.untitled));
    for (const n of s.front) out.push(...words(label(n)), ...n.blocks.flatMap((p) => words(plainText(p.inlines))));
    out.push(...storyWords(s));
  }
  return out;
}

const tools = ['qpdf', 'pdffonts', 'pdftotext', 'pdfinfo'];
const available = tools.every((t) => spawnSync(t, ['-v']).error === undefined);
/** Needs qpdf and poppler-utils: skipped without them, except on CI where that is a failure. */
const withTools = it.skipIf(!available && !process.env.CI);

describe('pdfEmitter', () => {
  const sample = sampleAnthology();
  const big = bigAnthology(40);
  let dir = '';
  let samplePdf = '';
  let bigPdf = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anthologist-pdf-'));
    samplePdf = join(dir, 'sample.pdf');
    bigPdf = join(dir, 'big.pdf');
    writeFileSync(samplePdf, await emitPdf(sample));
    writeFileSync(bigPdf, await emitPdf(big));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names its format', () => {
    expect(pdfEmitter.format).toBe('pdf');
    expect(pdfEmitter.extension).toBe('pdf');
  });

  it('gives identical bytes on every run', async () => {
    const first = await emitPdf(sampleAnthology());
    const second = await emitPdf(sampleAnthology());
    expect(Buffer.from(first.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(readFileSync(samplePdf))).toBe(sha256(first));
  });

  it('writes no standard-14 font object, only Literata and its fallbacks, and sets the language', () => {
    const raw = readFileSync(samplePdf).toString('latin1');
    // pdffonts lists only fonts that pages use; an unused default font would still be in the file.
    expect(raw).not.toMatch(/\/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    expect(raw).not.toMatch(/\/Subtype \/Type1\b/);
    expect(raw.match(/\/BaseFont \/[A-Z]{6}\+([A-Za-z0-9-]+)/g)?.every((f) => /\+(Literata|Noto)/.test(f))).toBe(true);
    expect(raw).toContain('/Lang (en)');
  });

  withTools('passes qpdf --check', () => {
    for (const file of [samplePdf, bigPdf]) expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
  });

  withTools('embeds every font and uses none of the standard 14', () => {
    const out = run('pdffonts', [samplePdf]).split('\n');
    const rule = out[1] ?? '';
    // Columns are fixed-width; the dashed rule under the header gives their extents.
    const cols = [...rule.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
    const rows = out.slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const [name, , , emb] = cols.map(([a, b]) => row.slice(a, b).trim());
      expect(name).toMatch(/^[A-Z]{6}\+(Literata|NotoSerifSC|NotoSansSymbols2?|NotoEmoji)-/);
      expect(emb).toBe('yes');
      expect(row).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats/);
    }
  });

  withTools('sets the document information', () => {
    const info = run('pdfinfo', [samplePdf]);
    expect(info).toMatch(/^Title: +Tales & <Stories>$/m);
    expect(info).toMatch(/^Author: +Ada Quill$/m);
    expect(info).toMatch(/^Subject: +A sample anthology for tests\.$/m);
    expect(info).toMatch(/^Keywords: +anthology, Harbour Lights$/m);
    expect(info).toMatch(/^CreationDate: +Wed Jan +1 00:00:00 2020 UTC$/m);
    expect(info).toMatch(/^ModDate: +Wed Jan +1 00:00:00 2020 UTC$/m);
    expect(info).toMatch(/^Page size: +419\.53 x 595\.28 pts/m);
  });

  withTools('shows every word: titles, authors, notes, labels, story text, Cyrillic and Greek', () => {
    const text = flat(pageTexts(samplePdf).join(' '));
    const missing = bookWords(sample).filter((w) => !HAN.test(w) && !text.includes(w));
    expect(missing).toEqual([]);
    for (const w of ['Ночь', 'тихой.', 'θάλασσα.', 'Ἡ', 'Author unknown', LABELS.untitled, 'Edited by E. Editor']) expect(text).toContain(w);
    expect(text).toMatch(/\* +\* +\*/); // the scene break glyph line
    expect(text).not.toMatch(/all rights reserved/i);
  });

  withTools('shows CJK text in the fallback font, embedded as a small subset', () => {
    expect(run('pdftotext', [samplePdf, '-'])).toContain('海');
    expect(run('pdffonts', [samplePdf])).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular +CID TrueType +Identity-H +yes +yes +yes/m);
    // The CJK font file is 15 MB; the subset with one character adds a few kilobytes.
    expect(readFileSync(samplePdf).length).toBeLessThan(80_000);
  });

  withTools('puts the words of each story, in reading order, on its own pages', () => {
    const pages = pageTexts(samplePdf);
    const starts = qpdfJson(samplePdf).outlines.slice(1, -1).map((o) => o.destpageposfrom1);
    sample.stories.forEach((story, i) => {
      const last = (starts[i + 1] ?? pages.length) - 1; // up to the next story or the contributors page
      const text = flat(pages.slice(starts[i]!, last).join(' '));
      let at = 0;
      for (const w of storyWords(story).filter((x) => !HAN.test(x))) {
        const found = text.indexOf(w, at);
        expect(found, `"${w}" of ${story.id} after offset ${at}`).toBeGreaterThanOrEqual(0);
        at = found + w.length;
      }
    });
  });

  withTools('has an outline: contents, each story with its chapters, contributors', () => {
    const outlines = qpdfJson(samplePdf).outlines;
    expect(outlines.map((o) => o.title)).toEqual([
      'Contents',
      'The Lighthouse — Ada Quill',
      'Rain fell on the… — Author unknown',
      'Contributors and Rights',
    ]);
    expect(outlines[2]!.kids.map((k) => k.title)).toEqual(['Chapter One', 'Chapter Two: Sun']);
    expect(outlines.map((o) => o.destpageposfrom1)).toEqual([2, 3, 6, 8]);
    expect(measure(sample)).toEqual({ contents: 2, stories: [3, 6], contributors: 8, pages: 8 });
  });

  withTools('prints the right page numbers in a contents that runs over several pages', () => {
    const pages = pageTexts(bigPdf, true);
    const { outlines } = qpdfJson(bigPdf);
    const starts = outlines.slice(1, -1).map((o) => o.destpageposfrom1);
    expect(starts).toHaveLength(40);
    expect(starts[0]).toBeGreaterThan(3); // the contents took more than one page
    const contents = pages.slice(1, starts[0]! - 1).join('\n');
    big.stories.forEach((story, i) => {
      const line = contents.split('\n').find((l) => l.includes(story.meta.displayTitle));
      expect(line, story.meta.displayTitle).toMatch(/\s(\d+)\s*$/);
      expect(Number(/(\d+)\s*$/.exec(line!)![1])).toBe(starts[i]);
      const page = pages[starts[i]! - 1]!;
      expect(page).toContain(story.meta.displayTitle);
      expect(page).toContain(authorLine(story.meta, LABELS));
    });
  });

  withTools('links each contents entry to its story, and the last to the contributors', () => {
    const json = qpdfJson(samplePdf);
    const obj = (ref: string): Record<string, unknown> => json.qpdf[1][`obj:${ref}`]!.value as Record<string, unknown>;
    const pageOf = new Map(json.pages.map((p) => [p.object, p.pageposfrom1]));
    const catalog = Object.values(json.qpdf[1]).find((o) => (o.value as { '/Type'?: string })?.['/Type'] === '/Catalog');
    const names = obj((catalog!.value as { '/Names': string })['/Names']) as { '/Dests': { '/Names': unknown[] } };
    const dests = new Map<string, number>();
    const list = names['/Dests']['/Names'];
    for (let i = 0; i < list.length; i += 2) dests.set(list[i] as string, pageOf.get((list[i + 1] as string[])[0]!)!);
    const annots = (obj(json.pages[1]!.object)['/Annots'] as string[]).map(obj);
    const targets = annots.map((a) => (obj(a['/A'] as string)['/D'] as string).replace(/^u:/, ''));
    expect(targets).toEqual(['story-s1', 'story-s2', 'contributors']);
    expect(targets.map((t) => dests.get(`u:${t}`))).toEqual([3, 6, 8]);
  });

  withTools('numbers every page but the title page, at the foot', () => {
    const pages = pageTexts(samplePdf, true).slice(0, -1); // text after the last form feed is empty
    expect(pages).toHaveLength(8);
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (i === 0) expect(lines.some((l) => /^\d+$/.test(l))).toBe(false);
      else expect(lines[lines.length - 1]).toBe(String(i + 1));
    });
  });

  withTools('gives every story its rights on the contributors page', () => {
    const page = flat(pageTexts(samplePdf)[7]!);
    expect(page).toContain(LABELS.contributors);
    for (const s of sample.stories) expect(page).toContain(flat(`${s.meta.displayTitle} ${authorLine(s.meta, LABELS)} ${rightsSentence(s.meta, LABELS)} ${permissionSentence(s.meta, LABELS)}`));
    expect(page).toContain('ARCHIVING Only with the permission of the author.');
  });
});
