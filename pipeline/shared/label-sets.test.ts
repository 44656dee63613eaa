import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAnthology } from '../../tests/helpers/sample.js';
import { render } from '../render/index.js';
import { pdfEmitter } from '../emit/pdf/index.js';
import { pageTexts, withTools } from '../emit/pdf/fixtures/tools.js';
import { LABEL_SETS, labelsFor } from './label-sets.js';
import { authorLine, byline, noClaimSentence, permissionSentence, rightsSentence, seriesStatement } from './labels.js';
import { Messages } from '../diagnostics/index.js';

/** Which `{key}`s each label must hold: what is put in is never dropped. */
const HOLES: Record<string, string[]> = {
  rightsOne: ['names'],
  rightsMany: ['names'],
  noClaimEditor: ['editor'],
  permission: ['permission'],
  partOf: ['n', 'name'],
  part: ['n'],
  more: ['n'],
};

describe('the book’s words in each language', () => {
  it.each(Object.entries(LABEL_SETS))('%s: every label is there, and holds what is put in', (_, set) => {
    const english = LABEL_SETS.en!;
    expect(Object.keys(set).sort()).toEqual(Object.keys(english).sort());
    expect(Object.keys(set.notes).sort()).toEqual(Object.keys(english.notes).sort());
    for (const [key, value] of Object.entries(set)) {
      if (typeof value !== 'string') continue;
      // Only "by" may be empty: a language that sets the names alone.
      if (key !== 'by') expect(value.trim(), key).not.toBe('');
      const holes = [...value.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
      expect(holes, key).toEqual((HOLES[key] ?? []).sort());
    }
  });

  it('chooses by the primary language subtag, and English for any language without a set', () => {
    expect(labelsFor('ru-RU')).toBe(LABEL_SETS.ru);
    expect(labelsFor('PT-br')).toBe(LABEL_SETS.pt);
    expect(labelsFor('fi')).toBe(LABEL_SETS.en);
  });

  it('fills the sentences, with the byline word only where the language has one', () => {
    const ru = labelsFor('ru');
    const two = { authors: ['Анна', 'Михаил'] };
    expect(authorLine(two, ru)).toBe('Анна и Михаил');
    expect(byline(two, ru)).toBe('Анна и Михаил');
    expect(byline({ authors: [] }, ru)).toBe('Автор неизвестен');
    expect(rightsSentence(two, ru)).toBe('Эта история принадлежит своим авторам: Анна и Михаил.');
    expect(permissionSentence({}, ru)).toBe('Разрешение: не записано.');
    expect(noClaimSentence('Иван', ru)).toBe('Составитель, Иван, не претендует на права на истории; каждая принадлежит своему автору.');
    expect(seriesStatement('Дождь', 2, ru)).toBe('Часть 2: Дождь');
    const fr = labelsFor('fr');
    expect(byline({ authors: ['Claire'] }, fr)).toBe('par Claire');
    expect(permissionSentence({ permission: 'oui' }, fr)).toBe('Autorisation\u00A0: oui');
    expect(byline({ authors: ['A', 'B'] }, labelsFor('en'))).toBe('by A and B');
  });
});

describe('a book in Russian', () => {
  const book = () => {
    const a = sampleAnthology();
    a.meta.language = 'ru';
    return a;
  };

  it('has its contents, bylines, notes and colophon in Russian in the EPUB', () => {
    const { docs, opf } = render(book());
    const doc = (role: string) => docs.filter((d) => d.role === role).map((d) => d.xhtml).join('\n');
    expect(doc('toc')).toContain('<h1 id="toc-title">Содержание</h1>');
    expect(doc('toc')).toContain('Начало историй');
    expect(doc('colophon')).toContain('Авторы и права');
    expect(doc('colophon')).toContain('каждая принадлежит своему автору');
    expect(doc('attribution')).not.toMatch(/>by /u);
    expect(doc('attribution')).toContain('Автор неизвестен');
    expect(opf).toContain('<dc:rights>Каждая история в этой антологии принадлежит своему автору; см. страницу «Авторы и права».</dc:rights>');
    // The accessibility summary is written in English only, and says so.
    expect(opf).toMatch(/<meta property="schema:accessibilitySummary" xml:lang="en">An anthology of 2 stories/u);
    expect(render(sampleAnthology()).opf).toMatch(/<meta property="schema:accessibilitySummary">An anthology/u);
  });

  withTools('has them in Russian in the PDF too', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'anth-ru-')), 'ru.pdf');
    writeFileSync(file, await pdfEmitter.emit({ anthology: book(), messages: new Messages() }));
    const text = pageTexts(file).join('\n');
    for (const words of ['Содержание', 'Авторы и права', 'Составитель: E. Editor', 'Автор неизвестен', 'Разрешение: не записано.']) expect(text).toContain(words);
    expect(text).not.toMatch(/\bContents\b|\bContributors and Rights\b/u);
  });
});
