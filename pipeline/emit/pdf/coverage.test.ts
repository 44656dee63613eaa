import { describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import { Messages } from '../../diagnostics/index.js';
import type { Anthology, Paragraph, Story } from '../../model.js';
import { layoutBook } from './book.js';
import { missingInBook } from './coverage.js';
import { emitPdf } from './fixtures/tools.js';
import { Flow } from './flow.js';
import { fontChain, loadFont, primaryFont, type FontFace } from './fonts.js';
import { needsFonts, SURELY_DRAWN } from './book-text.js';
import { themeFor } from './theme.js';

const FILE = 'in/bell.txt';
const pos = (line: number, column = 1) => ({ file: FILE, line, column });
const para = (text: string, line: number, column = 1): Paragraph => ({ kind: 'paragraph', inlines: [{ kind: 'text', text }], pos: pos(line, column) });

/** A story with a Tibetan letter (which no font of the PDF has) in its text, where the editor must find it. */
function bellBook(title = 'The Bell'): Anthology {
  const a = sampleAnthology();
  const base = a.stories[0]!;
  const story: Story = {
    ...base,
    id: 's9',
    source: { ...base.source, file: FILE },
    meta: { ...base.meta, title, displayTitle: title, provenance: { title: pos(1) }, details: [], series: undefined, subtitle: undefined },
    front: [],
    end: [],
    signature: undefined,
    chapters: [{ pos: pos(4), blocks: [para('She rang the bell at dawn.', 4), para('The sign over the door read \u0F40 and nothing more; \u0F40 again.', 6, 3)] }],
  };
  a.stories = [story];
  return a;
}

const missing = (m: Messages) => m.list.filter((d) => d.code === 'pdf/missing-glyph');

describe('where the PDF says a character no font has is', () => {
  it('is the line and column of the first of them in a one-line paragraph, and each is counted as often as the text has it', async () => {
    const messages = new Messages();
    await emitPdf(bellBook(), messages);
    const said = missing(messages);
    expect(said).toHaveLength(1);
    // Column 3 is where the paragraph starts; the letter is 28 characters into it.
    expect(said[0]).toMatchObject({ file: FILE, line: 6, column: 3 + 28 });
    expect(said[0]!.message).toContain('\u0F40 (U+0F40) ×2');
  });

  it('is the title\'s line for a character in the title, which is counted once, not at every place the PDF shows the title', async () => {
    const messages = new Messages();
    await emitPdf(bellBook('The \u0F41 Bell'), messages);
    const said = missing(messages);
    expect(said.map((d) => [d.file, d.line])).toEqual([[FILE, 1]]);
    expect(said[0]!.message).toMatch(/\u0F41 \(U\+0F41\)(?! ×)/u);
    expect(said[0]!.message).toContain('\u0F40 (U+0F40) ×2');
  });
});

describe('missingInBook', () => {
  it('finds what setting the book finds, without setting it', () => {
    const a = bellBook('The \u0F41 Bell');
    a.meta.title = 'Songs \u0F42';
    const s = a.stories[0]!;
    s.meta = { ...s.meta, subtitle: 'Part \u0F43', authors: ['Dorje \u0F44'], details: [{ key: 'rating', label: 'Rating', value: 'All \u0F45', pos: pos(2) }] };
    s.front = [{ kind: 'disclaimer', label: 'Disclaimer \u0F46', blocks: [para('Mine \u0F47, not yours.', 3)], pos: pos(3) }];
    s.end = [{ kind: 'note', blocks: [para('Thanks \u0F48. A mark alone: \u0F71, joined e\u0301, an emoji \u2764\uFE0F, a control \u202Bx\u202C and \u200Binvisible.', 30)], pos: pos(30) }];
    s.signature = { name: 'Dorje \u0F49', date: '2024 \u0F4A', pos: pos(40) };
    s.chapters[0]!.heading = [{ kind: 'text', text: 'One \u0F4B' }];
    s.chapters[0]!.blocks.push({ kind: 'epigraph', lines: [para('Said \u0F4C', 8)], attribution: [{ kind: 'em', children: [{ kind: 'text', text: 'A \u0F4D' }] }], pos: pos(8) });
    s.chapters[0]!.blocks.push({ kind: 'endMarker', text: 'End \u0F4E', pos: pos(20) }, { kind: 'authorNote', label: 'A/N \u0F4F', inlines: [{ kind: 'text', text: 'hi \u0F50' }], pos: pos(21) });
    const flow = new Flow(undefined, themeFor('a5'));
    layoutBook(flow, a);
    const chars = (m: ReadonlyMap<string, { chars: Map<string, number> }>): string[] => [...new Set([...m.values()].flatMap((x) => [...x.chars.keys()]))].sort();
    const found = missingInBook(a);
    expect(chars(found)).toEqual(chars(flow.setter.missing));
    expect(chars(found)).toHaveLength(18); // U+0F40–U+0F50, and the mark alone
    expect([...found.keys()]).toEqual(['', FILE]);
  });

  it('needs no font for the characters it takes as surely drawn: every face of Literata has them, or they are white space the PDF collapses', () => {
    for (const face of ['regular', 'italic', 'bold', 'boldItalic'] as const) {
      const font = loadFont(primaryFont(face))!;
      for (let cp = 0; cp < 0x10000; cp++) {
        const c = String.fromCharCode(cp);
        if (SURELY_DRAWN.test(c) && !/[\t\n\r]/u.test(c)) expect(font.hasGlyphForCodePoint(cp), `${face} U+${cp.toString(16)}`).toBe(true);
      }
    }
    expect(needsFonts(bellBook())).toBe(true);
    const plain = bellBook();
    plain.stories[0]!.chapters[0]!.blocks.pop();
    expect(needsFonts(plain)).toBe(false);
  });

  it('may check one face for all: every face\'s fonts cover the same characters', () => {
    const covered = (face: FontFace): number[] => [...new Set(fontChain(face).flatMap((key) => loadFont(key)?.characterSet ?? []))].sort((x, y) => x - y);
    const regular = covered('regular');
    for (const face of ['italic', 'bold', 'boldItalic'] as const) expect(covered(face), face).toEqual(regular);
  });
});
