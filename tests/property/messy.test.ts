import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Messages } from '../../pipeline/diagnostics/index.js';
import { parseStory } from '../../pipeline/parse/index.js';
import { normaliseStory } from '../../pipeline/normalise/index.js';
import { orderStories } from '../../pipeline/order/index.js';
import { render } from '../../pipeline/render/index.js';
import { epubEmitter } from '../../pipeline/emit/epub/index.js';
import type { Anthology, Story } from '../../pipeline/model.js';
import { available, epubcheck, missingWords, skipWithout, wordCounts, xhtmlText } from '../helpers/tools.js';

/**
 * Messy story files, made the way real dumps are: header lines, a title and
 * a by-line or none, paragraphs with straight quotes, dashes, dots, digits,
 * markup-looking text, non-Latin words, glyph lines, chapter headings, notes,
 * end markers, navigation lines and signatures, with any line ends.
 */
const word = fc.oneof(
  fc.constantFrom('the', 'lamp', 'harbour', 'Elin', "don't", "'tis", 'Mart1n', 'B-52', 'ночь', 'θάλασσα', '海', 'naïve', 'café', '&', '<img', 'src="x.png">', ']]>', '<!--', 'well-known'),
  fc.stringMatching(/^[A-Za-z]{1,9}$/u),
);
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).chain((ws) =>
  fc.constantFrom('.', '!', '?', '...', ' . . .', '--', '', '"').map((end) => ws.join(' ') + end),
);
const para = fc.oneof(
  sentence,
  sentence.map((s) => `"${s}" she said.`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a} - ${b}`),
  sentence.map((s) => `    ${s}`),
);
const headerLine = fc.tuple(fc.constantFrom('DISCLAIMER', "Author's Note", 'ARCHIVING', 'Rating', 'Pairing', 'Summary', 'SERIES'), sentence).map(([k, v]) => `${k}: ${v}`);
const special = fc.constantFrom('* * *', '~~~', 'xXx', 'Chapter 2', 'Chapter Three: The Road', 'A/N: sorry for the wait', 'The End', 'TBC', 'Pt. II');

interface Messy {
  text: string;
  /** Words of structure the book shows differently (header keys it turns into fields): not story text. */
  labels: string[];
}

const messy: fc.Arbitrary<Messy> = fc
  .record({
    header: fc.array(headerLine, { maxLength: 3 }),
    title: fc.option(fc.constantFrom('The Long Watch', 'Salt and Iron', 'Ночь и море'), { nil: undefined }),
    by: fc.option(fc.constantFrom('By marigold_writes', 'by Wren Hollis', 'Author: J. Tremaine'), { nil: undefined }),
    body: fc.array(fc.tuple(fc.oneof(para, para, para, special), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 25 }),
    tail: fc.constantFrom('', '\n\nReturn to Main Page', '\n\n– Quillfeather\n\nMarch 3, 2012', "\n\nAuthor's Notes:\n\nThanks for reading!"),
    crlf: fc.boolean(),
  })
  .map(({ header, title, by, body, tail, crlf }) => {
    const lines = [...header, ''];
    if (title) lines.push(title);
    if (by) lines.push(by);
    lines.push('');
    for (const [p, gap] of body) lines.push(p, ...Array<string>(gap).fill(''));
    const text = `${lines.join('\n')}${tail}\n`;
    return { text: crlf ? text.replace(/\n/gu, '\r\n') : text, labels: by?.startsWith('Author:') ? ['author'] : [] };
  });

function build(files: Messy[]): { book: Anthology; messages: Messages } {
  const messages = new Messages();
  const stories: Story[] = files.map((f, i) => {
    const text = f.text.replace(/\r\n/gu, '\n').normalize('NFC');
    return normaliseStory(parseStory({ file: `m${i}.txt`, text, encoding: 'utf-8', sha256: String(i).padStart(64, '0'), bytes: text.length }, messages), messages);
  });
  const meta = { title: 'Messy', language: 'en', modified: '2020-01-01T00:00:00Z', identifier: 'urn:uuid:00000000-0000-5000-8000-000000000000', order: 'title' as const, page: 'a5' as const };
  return { book: { meta, stories: orderStories(stories, 'title', 'en') }, messages };
}

/**
 * The story's input words less removed lines, scene-break glyph lines
 * ("xXx" is a break, drawn in the book's own style) and structural labels.
 */
function expectedWords(f: Messy, story: Story): Map<string, number> {
  const removed = new Set(story.removed.map((r) => r.pos.line));
  for (const c of story.chapters) for (const b of c.blocks) if (b.kind === 'sceneBreak' && b.glyph) removed.add(b.pos.line);
  const text = f.text.split(/\r?\n/u).filter((_, i) => !removed.has(i + 1)).join('\n');
  const counts = wordCounts(text);
  for (const l of f.labels) counts.delete(l);
  return counts;
}

describe('property: messy inputs', () => {
  it('never throw, and every input word reaches the book as often as it was written', () => {
    fc.assert(
      fc.property(messy, (f) => {
        const { book } = build([f]);
        const rendered = render(book);
        const text = rendered.docs.filter((d) => d.role !== 'toc').map((d) => xhtmlText(d.xhtml)).join('\n');
        expect(missingWords(expectedWords(f, book.stories[0]!), wordCounts(text))).toEqual([]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: Number(process.env.PROPERTY_SEED ?? 20261121) },
    );
  });

  it.skipIf(skipWithout('epubcheck'))('keep the EPUB valid (epubcheck on a sample of generated books)', async () => {
    expect(available.epubcheck).toBe(true);
    const samples = fc.sample(messy, { numRuns: 12, seed: 7 });
    const { book } = build(samples);
    const bytes = await epubEmitter.emit({ anthology: book, rendered: render(book), messages: new Messages() });
    const file = join(mkdtempSync(join(tmpdir(), 'anth-prop-')), 'messy.epub');
    writeFileSync(file, bytes);
    const r = epubcheck(file);
    expect(r.problems).toEqual([]);
  });
});
