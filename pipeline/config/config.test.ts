import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { loadConfig } from './index.js';
import { buildDate, FIXED_DATE } from './cascade.js';

async function load(yaml: string | Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'anth-cfg-'));
  writeFileSync(join(dir, 'anthology.yaml'), yaml);
  const m = new Messages();
  return { cfg: await loadConfig(join(dir, 'anthology.yaml'), 'anthology.yaml', m), m };
}

describe('anthology.yaml', () => {
  it('reads every key', async () => {
    const { cfg, m } = await load('title: Winter Tales\nlanguage: en-GB\neditor: E. Ditor\ndescription: Cold stories.\norder: manifest\nstories:\n  - b.txt\n  - file: a.txt\n    title: Fixed Title\n    authors: [Someone, Another]\n');
    expect(m.list).toEqual([]);
    expect(cfg).toEqual({ title: 'Winter Tales', language: 'en-GB', editor: 'E. Ditor', description: 'Cold stories.', order: 'manifest', stories: [{ file: 'b.txt' }, { file: 'a.txt', title: 'Fixed Title', authors: ['Someone', 'Another'] }] });
  });

  it.each([
    ['titel: Typo\n', 'titel: unknown key', 1],
    ['title: ok\nlanguage: "english language"\n', 'language: is not a BCP 47 language tag', 2],
    ['order: random\n', 'order: must be one of manifest, title, author, date, series, words', 1],
    ['stories:\n  - file: a.txt\n    colour: red\n', 'stories[0].colour: unknown key', 3],
    ['stories:\n  - file: a.txt\n    part: two\n', 'stories[0].part: must be a number', 3],
    ['stories:\n  - a.txt\n  - title: No File\n', 'stories[1].file: is required (text)', 3],
    ['stories:\n  - file: a.txt\n    part: -3\n', 'stories[0].part: must be more than 0', 3],
    ['stories:\n  - file: a.txt\n    part: 2.5\n', 'stories[0].part: must be a whole number', 3],
    ['title: [a, b]\n', 'title: must be text', 1],
    ['page: A4\n', 'page: must be one of ereader, a5, letter, 6x9', 1],
    ['date: someday\n', 'date: is not a date', 1],
    ['date: 2024-02-30\n', 'date: is not a date (2024-02 has no day 30)', 1],
    ['date: 2024-13-45\n', 'date: is not a date (use YYYY-MM-DD)', 1],
    ['date: 2023-02-29T10:00:00Z\n', 'date: is not a date (2023-02 has no day 29)', 1],
    ['title: "x\n', 'Missing closing', 1],
    ['title: ok\neditor: "A\\u0007B"\n', 'editor: must not hold a control character (U+0007)', 2],
    ['stories:\n  - file: a.txt\n    title: "\\u0000x"\n', 'stories[0].title: must not hold a control character (U+0000)', 3],
  ])('rejects %j naming the key and line', async (yaml, msg, line) => {
    const { cfg, m } = await load(yaml);
    expect(cfg).toBeNull();
    expect(m.list[0]).toMatchObject({ code: 'config/invalid', severity: 'error', file: 'anthology.yaml', line, message: expect.stringContaining(msg) });
  });

  it.each([
    ['titel: Typo\n', 'titel: unknown key (did you mean "title"?)'],
    ['Language: en\n', 'Language: unknown key (did you mean "language"?)'],
    ['stories:\n  - file: a.txt\n    author: Someone\n', 'stories[0].author: unknown key (did you mean "authors"?)'],
    ['stories:\n  - file: a.txt\n    permision: yes\n', 'stories[0].permision: unknown key (did you mean "permission"?)'],
    ['colour: red\n', 'colour: unknown key (the keys are title, subtitle, editor, language, description, publisher, date, cover, page, order, typography, stories)'],
  ])('names the key an unknown one was meant to be: %j', async (yaml, msg) => {
    const { m } = await load(yaml);
    expect(m.list.map((d) => d.message)).toEqual([msg]);
  });

  it.each([
    ['title: A\nlanguage: en\ntitle: B\n', 'title: given twice (first on line 1): keep one', 3, 1],
    ['stories:\n  - file: a.txt\n    title: A\n    title: B\n', 'title: given twice (first on line 3): keep one', 4, 5],
    ['title: T\nstories:\n  - file: a.txt\n    title: "Open\n  - b.txt\n  - c.txt\n', 'Missing closing "quote: the quote opened here runs on to the end of the file', 4, 12],
    ["subtitle: 'it\nlanguage: en\n", "Missing closing 'quote: the quote opened here runs on to the end of the file", 1, 11],
    ['title: A\n---\ntitle: B\n', 'a second YAML document starts here (after a "---" line): anthology.yaml holds one', 2, 1],
  ])('explains a YAML error in the editor\'s words: %j', async (yaml, msg, line, column) => {
    const { cfg, m } = await load(yaml);
    expect(cfg).toBeNull();
    expect(m.list).toEqual([{ code: 'config/invalid', severity: 'error', message: msg, file: 'anthology.yaml', line, column }]);
  });

  it('refuses an alias bomb (billion laughs) at once, at its first alias, without expanding it', async () => {
    const rows = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) rows.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    // Expanded, it would be 9^9 values; refused, it is one message at the first alias.
    const { cfg, m } = await load(`${rows.join('\n')}\n`);
    expect(cfg).toBeNull();
    expect(m.list).toEqual([{ code: 'config/invalid', severity: 'error', message: 'aliases (*a) repeat values more than 100 times: write the values out', file: 'anthology.yaml', line: 2, column: 8 }]);
  });

  it('names the line of an alias whose anchor is not set', async () => {
    const { m } = await load('title: T\nsubtitle: *nowhere\n');
    expect(m.list).toMatchObject([{ code: 'config/invalid', message: expect.stringContaining('nowhere'), line: 2, column: 11 }]);
  });

  it.each([
    ['title: 1984\n', 'title: must be text: put it in quotes ("1984"), or YAML reads it as a number', 1, 8],
    ['subtitle: 1.10\n', 'subtitle: must be text: put it in quotes ("1.10"), or YAML reads it as a number', 1, 11],
    ['stories:\n  - file: a.txt\n    series: true\n', 'stories[0].series: must be text: put it in quotes ("true"), or YAML reads it as true or false', 3, 13],
    ['stories:\n  - file: a.txt\n    authors: [Prince, 1999]\n', 'stories[0].authors[1]: must be text: put it in quotes ("1999"), or YAML reads it as a number', 3, 23],
    ['editor:\n', 'editor: has no value', 1, 8],
    ['stories:\n  - file: a.txt\n    title: ~\n', 'stories[0].title: has no value', 3, 12],
  ])('says why a value that looks like text is not: %j', async (yaml, msg, line, column) => {
    const { m } = await load(yaml);
    expect(m.list).toEqual([{ code: 'config/invalid', severity: 'error', message: msg, file: 'anthology.yaml', line, column }]);
  });

  it('treats __proto__ as an unknown key and pollutes nothing', async () => {
    const { cfg, m } = await load('__proto__:\n  polluted: true\ntitle: x\n');
    expect(cfg).toBeNull();
    expect(m.list.map((d) => [d.message, d.line])).toEqual([[expect.stringMatching(/^__proto__: unknown key \(the keys are /u), 1]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the per-story keys and the anthology keys added for editors', async () => {
    const { cfg, m } = await load('cover: art/cover.png\npage: 6x9\ntypography: off\norder: series\nstories:\n  - file: a.txt\n    series: Lantern Keeper\n    part: 2\n    order: 1\n    notes: [disclaimer, end]\n    permission: Granted by email, 2024-03-01\n');
    expect(m.list).toEqual([]);
    expect(cfg).toEqual({ cover: 'art/cover.png', page: '6x9', typography: 'off', order: 'series', stories: [{ file: 'a.txt', series: 'Lantern Keeper', part: 2, order: 1, notes: ['disclaimer', 'end'], permission: 'Granted by email, 2024-03-01' }] });
  });
});

describe('anthology.yaml encoding', () => {
  it('reads UTF-16 with a byte order mark, as Windows Notepad saves it', async () => {
    const bom = Buffer.from([0xff, 0xfe]);
    const { cfg, m } = await load(Buffer.concat([bom, Buffer.from('title: Café Stories\n', 'utf16le')]));
    expect(m.list).toEqual([]);
    expect(cfg).toEqual({ title: 'Café Stories' });
  });

  it('refuses a file that is not UTF-8, naming the line, rather than putting U+FFFD in the book', async () => {
    const { cfg, m } = await load(Buffer.from('title: Stories\neditor: Jos\xe9\n', 'latin1'));
    expect(cfg).toBeNull();
    expect(m.list).toMatchObject([{ code: 'config/invalid', severity: 'error', file: 'anthology.yaml', line: 2, message: expect.stringContaining('not UTF-8') }]);
  });
});

describe('build date', () => {
  it('comes from SOURCE_DATE_EPOCH, then anthology.yaml, then a fixed date — never the clock', () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: '1700000000' })).toBe('2023-11-14T22:13:20Z');
    expect(buildDate({}, '2011-02-14')).toBe('2011-02-14T00:00:00Z');
    expect(buildDate({})).toBe(FIXED_DATE);
  });
});
