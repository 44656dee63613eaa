import type { Block, Inline, Note, Paragraph, Story } from '../model.js';
import { parseInlines } from './markdown.js';

/** Markdown emphasis in text runs: `*em*`, `**strong**`, parsed; other inlines kept. */
function inl(xs: Inline[]): Inline[] {
  return xs.flatMap((x) => (x.kind === 'text' ? parseInlines(x.text) : [{ ...x, children: inl(x.children) }]));
}

const para = (p: Paragraph): Paragraph => ({ ...p, inlines: inl(p.inlines) });
const note = (n: Note): Note => ({ ...n, blocks: n.blocks.map(para) });

function block(b: Block): Block {
  switch (b.kind) {
    case 'paragraph':
      return para(b);
    case 'epigraph':
      return { ...b, lines: b.lines.map(para), attribution: b.attribution && inl(b.attribution) };
    case 'authorNote':
      return { ...b, inlines: inl(b.inlines) };
    default:
      return b;
  }
}

/** A Markdown story with its emphasis parsed in every paragraph, note and heading. */
export function withEmphasis(story: Story): Story {
  return {
    ...story,
    front: story.front.map(note),
    chapters: story.chapters.map((c) => ({ ...c, heading: c.heading && inl(c.heading), blocks: c.blocks.map(block) })),
    end: story.end.map(note),
  };
}
