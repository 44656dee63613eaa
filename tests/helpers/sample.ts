import type { Anthology, Paragraph, SourcePos, Story } from '../../pipeline/model.js';

/**
 * A small hand-made anthology that uses every part of the model: front and
 * end notes, an epigraph, scene breaks, chapters, a signature, an untitled
 * story with an unknown author, non-Latin text and text that looks like markup.
 * Emitters and renderers are tested against it without running the parser.
 */
export function sampleAnthology(): Anthology {
  return {
    meta: {
      title: 'Tales & <Stories>',
      language: 'en',
      editor: 'E. Editor',
      description: 'A sample anthology for tests.',
      modified: '2020-01-01T00:00:00Z',
      identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      order: 'title',
      page: 'a5',
    },
    stories: [storyOne(), storyTwo()],
  };
}

const pos = (file: string, line: number): SourcePos => ({ file, line, column: 1 });
const para = (text: string, file: string, line: number): Paragraph => ({
  kind: 'paragraph',
  inlines: [{ kind: 'text', text }],
  pos: pos(file, line),
});

function storyOne(): Story {
  const f = 'in/one.txt';
  return {
    id: 's1',
    source: { file: f, encoding: 'utf-8', sha256: 'a'.repeat(64), bytes: 1000 },
    meta: {
      title: 'The Lighthouse',
      displayTitle: 'The Lighthouse',
      subtitle: 'Pt. II',
      authors: ['Ada Quill'],
      series: { name: 'Harbour Lights', position: 2, statement: 'Second part of the Harbour Lights series.' },
      date: 'March 3, 2010',
      language: 'en',
      details: [
        { key: 'rating', label: 'Rating', value: 'Teen & Up', pos: pos(f, 4) },
        { key: 'relationship', label: 'Pairing', value: 'Keeper/Sea', pos: pos(f, 4) },
        { key: 'source', label: 'Source', value: 'https://example.invalid/works/1', pos: pos(f, 4) },
      ],
      provenance: { title: pos(f, 5), authors: pos(f, 6) },
    },
    front: [
      { kind: 'disclaimer', label: 'DISCLAIMER', blocks: [para('I own nothing & nobody.', f, 1)], pos: pos(f, 1) },
      { kind: 'rights', label: 'ARCHIVING', blocks: [para('Only with the permission of the author.', f, 2)], pos: pos(f, 2) },
      { kind: 'series', label: 'SERIES', blocks: [para('Second part of the Harbour Lights series.', f, 3)], pos: pos(f, 3) },
    ],
    chapters: [
      {
        pos: pos(f, 8),
        blocks: [
          {
            kind: 'epigraph',
            lines: [para('“The sea is calm tonight.”', f, 8)],
            attribution: [{ kind: 'text', text: 'Matthew Arnold' }],
            pos: pos(f, 8),
          },
          para('She climbed the stairs — all ninety of them — and looked out…', f, 10),
          para('“Is it <img src="http://example.invalid/x.png"> there?” she asked. ]]> <!-- no -->', f, 12),
          { kind: 'sceneBreak', pos: pos(f, 14) },
          para('Ночь была тихой. Ἡ θάλασσα. 海 — and a long paragraph follows to fill the page. '.repeat(20), f, 16),
          { kind: 'endMarker', text: 'The End', pos: pos(f, 18) },
        ],
      },
    ],
    end: [{ kind: 'authorsNote', label: "Author's Notes:", blocks: [para('Thanks for reading.', f, 20)], pos: pos(f, 20) }],
    signature: { name: 'Ada Quill', date: 'March 3, 2010', pos: pos(f, 22) },
    removed: [{ text: 'Return to Main Page', reason: 'site navigation', pos: pos(f, 24) }],
    typography: { 'typo/curly-quotes': 2 },
  };
}

function storyTwo(): Story {
  const f = 'in/two.txt';
  return {
    id: 's2',
    source: { file: f, encoding: 'utf-8', sha256: 'b'.repeat(64), bytes: 500 },
    meta: {
      title: null,
      displayTitle: 'Rain fell on the…',
      authors: [],
      language: 'en',
      details: [],
      provenance: { title: { source: 'opening-words' } },
    },
    front: [{ kind: 'authorsNote', blocks: [para('Written for a prompt.', f, 1)], pos: pos(f, 1) }],
    chapters: [
      {
        heading: [{ kind: 'text', text: 'Chapter One' }],
        pos: pos(f, 3),
        blocks: [
          para('Rain fell on the roofs of the town.', f, 4),
          { kind: 'authorNote', label: 'A/N', inlines: [{ kind: 'text', text: 'Sorry this took so long!' }], pos: pos(f, 5) },
          para('It did not stop.', f, 6),
        ],
      },
      {
        heading: [{ kind: 'text', text: 'Chapter Two: Sun' }],
        pos: pos(f, 8),
        blocks: [para('Then the *sun* came.', f, 9)],
      },
    ],
    end: [],
    removed: [],
    typography: {},
  };
}
