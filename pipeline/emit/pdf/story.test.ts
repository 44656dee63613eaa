import { describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Block, PagePreset, Story } from '../../model.js';
import { labelsFor, noteLabel } from '../../shared/labels.js';
import { Flow } from './flow.js';
import { storyPages } from './story.js';
import { themeFor } from './theme.js';

const pos = { file: 'gen.txt', line: 1, column: 1 };
const para = (text: string): Block => ({ kind: 'paragraph', inlines: [{ kind: 'text', text }], pos });

/** A story of `k` one-line paragraphs (a scene break after the first when `shift`: it moves the rest half a line), then end notes. */
function endNoted(base: Story, k: number, shift: boolean): Story {
  const blocks = Array.from({ length: k }, (_, i) => para(`Line ${i + 1}.`));
  if (shift) blocks.splice(1, 0, { kind: 'sceneBreak', pos });
  return { ...base, id: `e${k}${shift ? 'b' : 'a'}`, front: [], signature: undefined, chapters: [{ pos, blocks }] };
}

describe('storyPages', () => {
  for (const preset of ['a5', 'ereader', 'letter', '6x9'] as PagePreset[]) {
    it(`${preset}: the rule before the end notes is on the page of the first note's label`, () => {
      const base = sampleAnthology().stories[0]!;
      const label = noteLabel(base.end[0]!, labelsFor('en')).replace(/\s*:\s*$/u, '');
      const flow = new Flow(undefined, themeFor(preset));
      // Where each rule and each note label land: a dry flow draws nothing, so its calls are watched.
      const rules: number[] = [];
      const labels: number[] = [];
      const rule = flow.rule.bind(flow);
      flow.rule = (length, height) => {
        rule(length, height);
        rules.push(flow.page);
      };
      const tagged = flow.tagged.bind(flow);
      flow.tagged = (type, content, o) => {
        const lines = tagged(type, content, o);
        if (content === label) labels.push(flow.page);
        return lines;
      };
      for (let k = 1; k <= 60; k++) {
        for (const shift of [false, true]) {
          rules.length = 0;
          labels.length = 0;
          storyPages(flow, endNoted(base, k, shift), 'en');
          // The attribution page's rule, then the end notes' one.
          expect(rules.at(-1), `${k} lines${shift ? ' and a scene break' : ''}`).toBe(labels[0]);
        }
      }
    });
  }

  for (const preset of ['a5', 'ereader', 'letter', '6x9'] as PagePreset[]) {
    it(`${preset}: a note's label never ends a page, its text gone on to the next`, () => {
      const base = sampleAnthology().stories[0]!;
      const flow = new Flow(undefined, themeFor(preset));
      // A dry flow draws nothing: its lines are watched as they would be drawn.
      let label = false;
      const stranded: string[] = [];
      let story = '';
      const drawAt = flow.drawAt.bind(flow);
      flow.drawAt = (line, o, x, baseline) => {
        label = o.style === flow.styles.noteLabel;
        drawAt(line, o, x, baseline);
      };
      const newPage = flow.newPage.bind(flow);
      flow.newPage = (options) => {
        if (label) stranded.push(story);
        label = false;
        newPage(options);
      };
      for (let k = 1; k <= 40; k++) {
        for (let words = 10; words <= 60; words += 7) {
          story = `${k} lines, a note of ${words} words`;
          const note = { ...base.end[0]!, blocks: [para(Array.from({ length: words }, (_, i) => `word${i}`).join(' '))] } as Story['end'][number];
          storyPages(flow, { ...endNoted(base, k, false), end: [note] }, 'en');
        }
      }
      expect(stranded).toEqual([]);
    });
  }
});
