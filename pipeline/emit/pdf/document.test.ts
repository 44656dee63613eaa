import { describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../../tests/helpers/sample.js';
import type { Story } from '../../model.js';
import { documentInfo } from './document.js';

describe('documentInfo', () => {
  it('names every author once in reading order, not the editor, and keys series and fandoms once each', () => {
    const a = sampleAnthology();
    const base = a.stories[0]!;
    const story = (authors: string[], series: string | undefined, fandom: string | undefined): Story => ({
      ...base,
      meta: {
        ...base.meta,
        authors,
        ...(series ? { series: { name: series, statement: series } } : { series: undefined }),
        details: fandom ? [{ key: 'fandom', label: 'Fandom', value: fandom, pos: { file: 'a.txt', line: 1, column: 1 } }] : [],
      },
    });
    a.meta.editor = 'E. Editor';
    a.stories = [story(['B', 'A'], 'Lights', 'Sea, Sky'), story(['A'], undefined, ' Sky ,Land'), story([], 'Lights', undefined)];
    const info = documentInfo(a);
    expect(info.Author).toBe('B, A');
    expect(info.Keywords).toBe('anthology, Lights, Sea, Sky, Land');
  });
});
