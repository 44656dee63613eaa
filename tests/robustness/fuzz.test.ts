import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Messages } from '../../pipeline/diagnostics/index.js';
import { decodeBytes } from '../../pipeline/read/decode.js';
import { LEGACY_ENCODINGS } from '../../pipeline/read/legacy.js';
import { parseStory } from '../../pipeline/parse/index.js';
import { normaliseStory } from '../../pipeline/normalise/index.js';
import { orderStories } from '../../pipeline/order/index.js';
import { render } from '../../pipeline/render/index.js';
import { xmlProblems } from '../../pipeline/render/wellformed.js';
import { epubEmitter } from '../../pipeline/emit/epub/index.js';
import type { Anthology, SourceText, Story } from '../../pipeline/model.js';
import { sampleAnthology } from '../helpers/sample.js';
import { available, skipWithout } from '../helpers/tools.js';
import { cleanup, elementNames, epubcheckAsync, sha256, tempDir, xmlWellFormedness } from '../helpers/robustness.js';
import { HOSTILE_LINES, words } from './fixtures.js';

/**
 * Property tests over the stages, with fixed seeds and a time budget per
 * property (interruptAfterTimeLimit) so CI stays bounded:
 * decodeBytes never throws on any bytes, and what it returns is text XML
 * can hold; parseStory never throws on any string and keeps every word;
 * normaliseStory never throws and is idempotent; render always makes
 * well-formed XML with no markup from the input; epubcheck is clean on a
 * book of generated stories.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 12_000);
const params = (numRuns = RUNS) => ({ seed: SEED, numRuns, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false });

// ---------------------------------------------------------------- generators

const utf8 = (s: string) => new TextEncoder().encode(s);
const CP1252_BYTES = [0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xa3, 0xe9, 0xef, 0xfc];

/** Bytes as they come: random, text-like, mixed encodings, BOMs, UTF-16, double encoded. */
const anyBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.string({ unit: 'binary', maxLength: 200 }).map(utf8),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).map(utf8),
  fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => [...utf8(s)]), fc.constantFrom(...CP1252_BYTES).map((b) => [b])), { maxLength: 40 }).map((parts) => Uint8Array.from(parts.flat())),
  fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]), fc.uint8Array({ maxLength: 300 })).map(([bom, b]) => Uint8Array.from([...bom, ...b])),
  fc.string({ unit: 'grapheme', maxLength: 100 }).map((s) => Uint8Array.from([...s].flatMap((c) => { const u = c.charCodeAt(0); return [u & 0xff, u >> 8]; }))),
  fc.string({ unit: 'grapheme', maxLength: 100 }).map((s) => utf8([...utf8(s)].map((b) => (b >= 0x80 && b <= 0x9f ? String.fromCharCode(b) : new TextDecoder('latin1').decode(Uint8Array.of(b)))).join(''))),
  fc.tuple(fc.uint8Array({ minLength: 8190, maxLength: 8190 }).map((b) => b.map((x) => (x === 0 ? 0x20 : x))), fc.uint8Array({ maxLength: 20 })).map(([a, b]) => Uint8Array.from([...a, 0, ...b])),
);

/** Lines that mean something to the parser: headers, titles, by-lines, chapters, breaks, notes, ends, navigation. */
const structural = fc.constantFrom(
  'Title: The Long Watch', 'Author: J. Tremaine', 'By marigold_writes', 'by Wren Hollis', 'DISCLAIMER: I own nothing.', "Author's Note: thanks",
  'A/N: sorry for the wait', 'ARCHIVING: Only with the permission of the author.', 'Rating: Teen', 'Summary:', 'SERIES: Sixth part of the Lantern series',
  'Chapter 1', 'Chapter Two: The Road', 'Part III', 'Prologue', 'Epilogue', '* * *', '~~~', '---', 'xXx', '#', 'oOo', 'The End', 'TBC', 'Fin',
  "Author's Notes:", 'End Notes', '– Quillfeather', 'March 3, 2012', 'Return to Main Page', 'Back to Index', 'Pt. II', '"The sea is calm," –Arnold',
  '    indented line', '', '', '', '---\ntitle: Front Matter\n---', '# Heading', '**bold** and *em* and _em_',
);
const wordish = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }),
  fc.stringMatching(/^[A-Za-z]{1,9}$/u),
  fc.constantFrom(...HOSTILE_LINES, "don't", "'tis", '...', '--', ' - ', 'שָׁלוֹם', 'مرحبا', 'e\u0301', '👨‍👩‍👧‍👦', '\u202Ex\u202C', '\u00A0', '\t'),
);
const line = fc.oneof({ weight: 3, arbitrary: fc.array(wordish, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')) }, { weight: 2, arbitrary: structural });
/** Story text: structural lines mixed with arbitrary text, any line ends. */
const storyText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n')).map(([ls, end]) => ls.join(end)),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

/** The text a decoded file has: what parseStory is given in the pipeline. */
function decoded(text: string): string | null {
  const r = decodeBytes(utf8(text), 'f.txt', new Messages());
  return r?.text ?? null;
}

const source = (text: string, file = 'f.txt'): SourceText => ({ file, text, encoding: 'utf-8', sha256: sha256(text), bytes: text.length });

/** Every string the model holds for a story, except bookkeeping (source, ids, provenance, codes). */
function modelStrings(story: Story): string[] {
  const out: string[] = [];
  const skip = new Set(['source', 'provenance', 'id', 'kind', 'key', 'reason', 'file', 'language', 'pos']);
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skip.has(k)) walk(x);
  };
  walk(story);
  return out;
}

const counts = (ws: string[]) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
/** Words the parser turns into structure rather than text (header keys it makes fields of, the "by" of a by-line). */
const STRUCTURE_WORDS = new Set(['title', 'author', 'authors', 'by', 'written']);

function lostWords(input: string, story: Story): string[] {
  const have = counts(words(modelStrings(story).join(' ')));
  const lost: string[] = [];
  for (const [w, n] of counts(words(input))) if (!STRUCTURE_WORDS.has(w) && (have.get(w) ?? 0) < n) lost.push(`${w} (${n} in, ${have.get(w) ?? 0} kept)`);
  return lost;
}

function book(stories: Story[]): Anthology {
  const meta = { title: 'Fuzz & <Tales>', language: 'en', modified: '2020-01-01T00:00:00Z', identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000', order: 'title' as const, page: 'a5' as const };
  return { meta, stories: orderStories(stories, 'title', 'en') };
}

// XML 1.0 forbids these, and lone surrogates are no characters at all.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

// ---------------------------------------------------------------- properties

describe('fuzz: decodeBytes', () => {
  it('never throws; returns text XML can hold (LF only, NFC, not blank), or null with an error naming the file', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const m = new Messages();
        const r = decodeBytes(bytes, 'in/f.txt', m);
        for (const d of m.list) expect(d.file).toBe('in/f.txt');
        if (r === null) {
          expect(m.errors.map((d) => d.code)).toEqual([expect.stringMatching(/^input\/(?:empty|binary)$/u)]);
          return;
        }
        expect(m.errors).toEqual([]);
        expect(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', ...LEGACY_ENCODINGS]).toContain(r.encoding);
        expect(r.text).not.toMatch(NOT_XML);
        expect(r.text).not.toContain('\r');
        expect(r.text.normalize('NFC')).toBe(r.text);
        expect(r.text.trim()).not.toBe('');
        expect(r.text.startsWith('\uFEFF')).toBe(false);
      }),
      params(RUNS * 3),
    );
  });

  it('is a fixed point on its own output: decoding the UTF-8 of decoded text changes nothing', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const first = decodeBytes(bytes, 'f.txt', new Messages());
        if (first === null) return;
        const m = new Messages();
        const again = decodeBytes(utf8(first.text), 'f.txt', m);
        expect(again?.text).toBe(first.text);
        expect(m.list).toEqual([]);
      }),
      params(RUNS * 3),
    );
  });
});

describe('fuzz: parseStory', () => {
  it('never throws on any string, even one decode would have cleaned', () => {
    fc.assert(
      fc.property(storyText, fc.constantFrom('f.txt', 'f.md'), (text, file) => {
        const story = parseStory(source(text, file), new Messages());
        expect(story.chapters.length).toBeGreaterThanOrEqual(1);
        expect(typeof story.meta.displayTitle).toBe('string');
      }),
      params(),
    );
  });

  it('keeps every word of a decoded story somewhere in the model (text, notes, fields or removed lines)', () => {
    fc.assert(
      fc.property(storyText, (raw) => {
        const text = decoded(raw);
        fc.pre(text !== null);
        const story = parseStory(source(text!), new Messages());
        expect(lostWords(text!, story)).toEqual([]);
      }),
      params(),
    );
  });
});

describe('fuzz: normaliseStory', () => {
  it('never throws, keeps every word, and is idempotent', () => {
    fc.assert(
      fc.property(storyText, (raw) => {
        const text = decoded(raw);
        fc.pre(text !== null);
        const once = normaliseStory(parseStory(source(text!), new Messages()), new Messages());
        expect(lostWords(text!, once)).toEqual([]);
        const twice = normaliseStory(once, new Messages());
        const { typography: _t1, ...a } = once;
        const { typography: _t2, ...b } = twice;
        expect(b).toEqual(a);
      }),
      params(),
    );
  });
});

describe('fuzz: render', () => {
  const ours = new Set<string>();
  beforeAll(() => {
    // The elements the templates make for an ordinary book: any other element can only come from input.
    // The sample anthology uses every part of the model.
    for (const d of render(sampleAnthology()).docs) for (const e of elementNames(d.xhtml)) ours.add(e);
    // Markdown emphasis (`*em*`, `**strong**` in .md files) is the model's em/strong inlines.
    ours.add('em').add('strong');
  });

  it('makes well-formed XHTML, OPF and NCX, with no character XML forbids and no element from the input', () => {
    fc.assert(
      fc.property(fc.array(storyText, { minLength: 1, maxLength: 4 }), (raws) => {
        const stories = raws.map((r, i) => decoded(r) ?? `Story ${i}`).map((t, i) => normaliseStory(parseStory(source(t, `s${i}.${i % 2 ? 'md' : 'txt'}`), new Messages()), new Messages()));
        const rendered = render(book(stories));
        for (const d of rendered.docs) {
          expect(xmlWellFormedness(d.xhtml), d.filename).toEqual([]);
          expect(xmlProblems(d.xhtml), d.filename).toEqual([]);
          for (const e of elementNames(d.xhtml)) expect(ours, `<${e}> in ${d.filename}`).toContain(e);
        }
        for (const [n, x] of [['content.opf', rendered.opf], ['toc.ncx', rendered.ncx], ['nav', rendered.nav]] as const) expect(xmlWellFormedness(x), n).toEqual([]);
        expect(rendered.css).not.toMatch(NOT_XML);
      }),
      params(Math.round(RUNS / 2)),
    );
  });
});

describe('fuzz: a book of generated stories', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('fuzz');
  });
  afterAll(() => cleanup(dir));

  it.skipIf(skipWithout('epubcheck'))('passes epubcheck (one book of 10 generated stories)', async () => {
    expect(available.epubcheck).toBe(true);
    const texts = fc.sample(storyText, { numRuns: 40, seed: SEED }).map(decoded).filter((t): t is string => t !== null).slice(0, 10);
    expect(texts.length).toBe(10);
    const stories = texts.map((t, i) => normaliseStory(parseStory(source(t, `gen-${i}.${i % 3 === 0 ? 'md' : 'txt'}`), new Messages()), new Messages()));
    const anthology = book(stories);
    const bytes = await epubEmitter.emit({ anthology, rendered: render(anthology), messages: new Messages() });
    const file = join(dir, 'fuzz.epub');
    writeFileSync(file, bytes);
    const r = await epubcheckAsync(file);
    expect(r.problems, r.summary).toEqual([]);
  }, 120_000);
});

describe('fuzz findings, kept as regression tests', () => {
  const parse = (text: string) => parseStory(source(text), new Messages());

  it.each([
    'For my sister\n\nTitle: The Long Watch\nAuthor: J. Tremaine\n\nThe lamp burned all night.\n',
    'A/N: sorry for the wait\n\nTitle: The Long Watch\n\nThe lamp burned all night.\n',
  ])('a short first line before a Title: header is kept (%j)', (text) => {
    const story = parse(text);
    expect(story.meta.title).toBe('The Long Watch');
    expect(lostWords(text, story)).toEqual([]);
  });

  it.each([
    ['The Title\nByron Smith\n\nText of the story.\n', 'Byron'],
    ['Bygones\nThe text of it goes on here.\n', 'Bygones'],
  ])('"By" glued to a word is not a by-line (%j)', (text, word) => {
    const story = parse(text);
    expect(story.meta.authors.join(' ')).not.toMatch(/^(?:ron|gones)\b/u);
    expect(modelStrings(story).join(' ')).toContain(word);
  });

  it('control characters inside double-encoded text do not block its repair', () => {
    const bytes = Uint8Array.from([0x4e, 0x6f, 0xc3, 0x0e, 0x8b, 0x6c, 0x20, 0x61, 0x6e, 0x64, 0x20, 0x63, 0x61, 0x66, 0xe9]);
    const first = decodeBytes(bytes, 'f.txt', new Messages())!;
    const again = decodeBytes(utf8(first.text), 'f.txt', new Messages())!;
    expect(again.text).toBe(first.text);
  });
});
