import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import type { Story } from '../model.js';
import { loadAnthology } from '../load.js';
import { Messages } from '../diagnostics/index.js';
import { messagesOf, parkMessages } from '../story-work.js';
import { HEAD, restoreParts, Spill, spillHead, spillParts, spillStory, withChanges } from './spill.js';

const story = (id: string, words: string): Story => ({
  id,
  source: { file: `${id}.txt`, encoding: 'utf-8', sha256: '', bytes: 0 },
  meta: { title: id, displayTitle: id, authors: ['A'], language: 'en', details: [], provenance: {} },
  front: [],
  chapters: [{ blocks: [{ kind: 'paragraph', inlines: [{ kind: 'text', text: words }], pos: { file: `${id}.txt`, line: 3, column: 1 } }], pos: { file: `${id}.txt`, line: 3, column: 1 } }],
  end: [],
  removed: [],
  typography: {},
});

describe('spilled stories', () => {
  it('read their chapters back from a file already deleted, and serialise as before', () => {
    const before = new Set(readdirSync(tmpdir()));
    const spill = Spill.create();
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f))).toEqual([]);
    const a = story('a', 'Nothing is lost — “ever”. Ночь.');
    a.front = [{ kind: 'disclaimer', blocks: [], pos: { file: 'a.txt', line: 1, column: 1 } }];
    const whole = JSON.stringify(a);
    spillStory(a, spill);
    for (const part of ['chapters', 'front'] as const) expect(Object.getOwnPropertyDescriptor(a, part)!.get).toBeTypeOf('function');
    expect(JSON.stringify(a)).toBe(whole);
    expect(a.chapters[0]!.blocks[0]).toMatchObject({ inlines: [{ text: 'Nothing is lost — “ever”. Ночь.' }] });
    spill.close();
    expect(() => a.chapters).toThrow(/after its build ended/);
  });

  it('keep one story read back at a time, and stay spilled in copies', () => {
    const spill = Spill.create();
    const [a, b] = [story('a', 'first'), story('b', 'second')].map((s) => spillStory(s, spill));
    expect(a!.chapters).toBe(a!.chapters); // remembered while it is the last one read
    const first = a!.chapters;
    expect(b!.chapters[0]!.blocks[0]).toMatchObject({ inlines: [{ text: 'second' }] });
    expect(a!.chapters).not.toBe(first); // read again: only the last story is kept
    const copy = withChanges(a!, { id: 's9' });
    expect(copy.id).toBe('s9');
    expect(a!.id).toBe('a');
    expect(Object.getOwnPropertyDescriptor(copy, 'chapters')!.get).toBeTypeOf('function');
    expect(copy.chapters[0]!.blocks[0]).toMatchObject({ inlines: [{ text: 'first' }] });
    spill.close();
  });

  it('share one getter per part, and keep the places of parts restored one at a time', () => {
    const spill = Spill.create();
    const [a, b] = [story('a', 'first'), story('b', 'second')];
    a.front = [{ kind: 'disclaimer', blocks: [], pos: { file: 'a.txt', line: 1, column: 1 } }];
    const whole = JSON.stringify(a);
    const chapters = spill.write(JSON.stringify(a.chapters));
    a.chapters = [];
    spillStory(a, spill); // the front only: the chapters are empty
    restoreParts(a, spill, { chapters }); // then the chapters, as a story from the cache gets them
    spillStory(b, spill);
    const getter = (s: Story, part: 'chapters' | 'front') => Object.getOwnPropertyDescriptor(s, part)!.get;
    expect(getter(a, 'chapters')).toBe(getter(b, 'chapters'));
    expect(getter(a, 'front')).toBeTypeOf('function');
    expect(getter(a, 'front')).not.toBe(getter(a, 'chapters'));
    expect(JSON.stringify(a)).toBe(whole);
    // What says where the parts are is no part of the story's data.
    expect(Object.keys(a)).toEqual(Object.keys(story('x', '')));
    expect(JSON.stringify(withChanges(b, {}))).toBe(JSON.stringify(story('b', 'second')));
    expect(Object.keys(structuredClone(a))).toEqual(Object.keys(a));
    spill.close();
  });

  it('cross threads as a place in the file, emptied until restored', () => {
    const spill = Spill.create();
    const writer = new Spill(spill.fd); // as the worker thread writes it
    const a = story('a', 'far away');
    a.removed = [{ text: 'Next chapter >>', reason: 'navigation', pos: { file: 'a.txt', line: 9, column: 1 } }];
    const whole = JSON.stringify(a);
    const places = spillParts(a, writer);
    expect(Object.keys(places).sort()).toEqual(['chapters', 'removed']); // empty parts stay as they are
    expect([a.chapters, a.removed]).toEqual([[], []]);
    const sent = structuredClone(a);
    restoreParts(sent, spill, places);
    expect(sent.chapters[0]!.blocks[0]).toMatchObject({ inlines: [{ text: 'far away' }] });
    expect(JSON.stringify(sent)).toBe(whole);
    expect(() => restoreParts(structuredClone(a), Spill.create(), places)).toThrow(/wrong spill file/);
    spill.close();
  });

  it('give the book a build without spilling gives, and the same messages, which waited on disk', async () => {
    const [keptMessages, spilledMessages] = [new Messages(), new Messages()];
    const load = (spillBytes?: number) => loadAnthology({ inputs: ['seeds'], title: 'T', spillBytes, env: { SOURCE_DATE_EPOCH: '0' } }, spillBytes === 0 ? spilledMessages : keptMessages);
    const [kept, spilled] = [await load(), await load(0)];
    // On disk: none is in memory until the list is asked for.
    expect((spilledMessages as unknown as { items: unknown[] }).items).toEqual([]);
    expect(keptMessages.list.length).toBeGreaterThan(0);
    expect(spilledMessages.list).toEqual(keptMessages.list);
    for (const field of ['chapters', 'meta', 'source']) {
      expect(Object.getOwnPropertyDescriptor(spilled!.stories[0]!, field)!.get).toBeTypeOf('function');
      expect(Object.getOwnPropertyDescriptor(kept!.stories[0]!, field)!.get).toBeUndefined();
    }
    expect(JSON.stringify(spilled)).toBe(JSON.stringify(kept));
  });

  it('have their messages written to disk the moment they are made, and read back when asked', () => {
    const spill = Spill.create();
    const diagnostics = [{ code: 'text/doubled-word', severity: 'warning' as const, message: 'the the', file: 'a.txt', line: 2 }];
    const loaded = parkMessages({ story: null, diagnostics: [...diagnostics] }, spill);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.written?.errors).toBe(0);
    expect(messagesOf(loaded, { here: spill, worker: spill, messages: spill })).toEqual(diagnostics);
    // Nothing to write: nothing written.
    expect(parkMessages({ story: null, diagnostics: [] }, spill).written).toBeUndefined();
    spill.close();
  });

  it('spill their heads too, read back whole for one story at a time, in a copy', () => {
    const spill = Spill.create();
    const signed = { ...story('a', 'one'), signature: { name: 'A', pos: { file: 'a.txt', line: 9, column: 1 } } };
    const [a, b] = [spillHead(signed, spill), spillHead(story('b', 'two'), spill)];
    const reads = vi.spyOn(spill, 'read');
    // Each field reads back from the file; the first asked reads the story's whole head.
    for (const field of HEAD) expect(Object.getOwnPropertyDescriptor(a, field)!.get).toBeTypeOf('function');
    expect([a.meta.title, a.source.file, a.signature!.name, a.typography]).toEqual(['a', 'a.txt', 'A', {}]);
    expect(reads).toHaveBeenCalledTimes(1);
    // One story's head is kept: going back and forth reads each again.
    expect([b.meta.title, a.meta.title, b.meta.authors]).toEqual(['b', 'a', ['A']]);
    expect(reads).toHaveBeenCalledTimes(4);
    // A field the story did not have stays absent; the copy serialises as the story did.
    expect('signature' in b).toBe(false);
    expect(JSON.parse(JSON.stringify(a))).toEqual(signed);
    expect(structuredClone(b)).toEqual(story('b', 'two'));
    spill.close();
  });

  it('keep their head spilled when copied with changes, as ordering copies them', () => {
    const spill = Spill.create();
    const a = spillHead(spillStory(story('a', 'one'), spill), spill);
    const copy = withChanges(a, { id: 's3' });
    for (const field of [...HEAD.filter((f) => f !== 'signature'), 'chapters']) expect(Object.getOwnPropertyDescriptor(copy, field)!.get).toBeTypeOf('function');
    expect([copy.id, a.id, copy.meta.title, copy.chapters]).toEqual(['s3', 'a', 'a', story('a', 'one').chapters]);
    expect(JSON.parse(JSON.stringify(copy))).toEqual({ ...story('a', 'one'), id: 's3' });
    spill.close();
  });
});

describe('Spill.join', () => {
  it('joins places written one right after the other, and no others', () => {
    const spill = Spill.create();
    const [a, b, c] = [spill.write('ab'), spill.write('cde'), spill.write('f')];
    const ab = spill.join(a, b)!;
    expect(spill.read(ab)).toBe('abcde');
    expect(spill.read(spill.join(ab, c)!)).toBe('abcdef');
    expect(spill.join(a, c)).toBeUndefined();
    expect(spill.join(b, a)).toBeUndefined();
    const other = Spill.create();
    expect(spill.join(c, other.write('g'))).toBeUndefined();
    other.close();
    spill.close();
  });
});

describe('a temporary folder that cannot take a spill file', () => {
  it('keeps the book in memory instead, and the book is the same', async () => {
    const { mkdtempSync, chmodSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'anth-nospill-'));
    chmodSync(dir, 0o500);
    const old = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'missing'); // neither there nor makeable
    try {
      const book = await loadAnthology({ inputs: ['seeds'], title: 'T', spillBytes: 0, env: { SOURCE_DATE_EPOCH: '0' } }, new Messages());
      expect(Object.getOwnPropertyDescriptor(book!.stories[0]!, 'chapters')!.get).toBeUndefined();
      expect(book!.stories[0]!.chapters.length).toBeGreaterThan(0);
    } finally {
      process.env.TMPDIR = old;
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a build that spills', () => {
  it.skipIf(!existsSync('/proc/self/fd'))('keeps its spill files while its report can read them, closes them when the report is garbage, and its books and report are the same', async () => {
    const { buildAnthology } = await import('../runner.js');
    const { storiesOf, removedOf } = await import('../report/index.js');
    const { mkdtempSync, readFileSync, readlinkSync, rmSync } = await import('node:fs');
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    const { join } = await import('node:path');
    const open = (): string[] => readdirSync('/proc/self/fd').flatMap((fd) => { try { return [readlinkSync(`/proc/self/fd/${fd}`)]; } catch { return []; } }).filter((l) => l.includes('anthologist-spill-'));
    const out = mkdtempSync(join(tmpdir(), 'anth-spillbuild-'));
    try {
      const options = { inputs: ['seeds'], title: 'T', formats: ['pdf'], cache: false, env: { SOURCE_DATE_EPOCH: '0' } };
      const before = open(); // other tests' spill files, closed whenever their stories are collected
      let during: string[] = [];
      let spilled: Awaited<ReturnType<typeof buildAnthology>> | undefined = await buildAnthology({ ...options, outDir: join(out, 'a'), spillBytes: 0, onProgress: (p) => { if (p.stage === 'emit') during = open(); } });
      const ours = during.filter((f) => !before.includes(f));
      expect(ours).toHaveLength(3); // it did spill: one file for each thread, one for the stories' messages
      // The report reads its stories, removed lines and messages from them as it is walked.
      expect(open().filter((f) => ours.includes(f))).toHaveLength(3);
      const kept = await buildAnthology({ ...options, outDir: join(out, 'b') });
      expect([...storiesOf(spilled.report)]).toEqual(kept.report.stories);
      expect([...removedOf(spilled.report)]).toEqual(kept.report.removed);
      expect(kept.report.removed.length).toBeGreaterThan(0);
      expect({ ...spilled.report, outputs: [] }).toEqual({ ...kept.report, outputs: [] });
      expect(spilled.report.outputs[0]!.sha256).toBe(kept.report.outputs[0]!.sha256);
      expect(readFileSync(join(out, 'a', 't.pdf')).equals(readFileSync(join(out, 'b', 't.pdf')))).toBe(true);
      spilled = undefined;
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      // Finalisers run in a task of their own after the collection.
      for (let i = 0; i < 20 && open().some((f) => ours.includes(f)); i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(open().filter((f) => ours.includes(f))).toHaveLength(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('when a build spills', () => {
  it('spills from 4 MiB when a format streams its book (the PDF), from 32 MiB when every format holds it whole (the EPUB)', async () => {
    const { spillBytesFor } = await import('../runner.js');
    const { HELD_SPILL_BYTES, SPILL_BYTES } = await import('../load.js');
    expect([SPILL_BYTES, HELD_SPILL_BYTES]).toEqual([4 * 1024 * 1024, 32 * 1024 * 1024]);
    expect(spillBytesFor(['pdf'])).toBe(SPILL_BYTES);
    expect(spillBytesFor(['epub', 'pdf'])).toBe(SPILL_BYTES);
    expect(spillBytesFor(['epub'])).toBe(HELD_SPILL_BYTES);
  });
});
