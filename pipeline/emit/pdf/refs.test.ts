import { describe, expect, it } from 'vitest';
import { Ids, joinRows, refsTo } from './refs.js';

describe('Ids and refsTo', () => {
  it('writes its numbers as references, past a block of 4,096 and past 32 bits', () => {
    const ids = new Ids();
    const numbers = Array.from({ length: 10_000 }, (_, i) => 3 * i + 1);
    numbers.push(2 ** 33);
    for (const n of numbers) ids.push(n);
    expect(refsTo(ids)).toBe(numbers.map((n) => `${n} 0 R`).join(' '));
    expect(refsTo(new Ids())).toBe('');
  });

  it('joins rows a block at a time as one join would', () => {
    const row = (i: number): string => `    ${i} ${2 * i} 0 R`;
    expect(joinRows(9000, row, '\n')).toBe(Array.from({ length: 9000 }, (_, i) => row(i)).join('\n'));
    expect(joinRows(1, row, '\n')).toBe(row(0));
    expect(joinRows(0, row, '\n')).toBe('');
  });
});

describe('writtenRows and expandRows', () => {
  it('give a short list as text, and a long one as a placeholder that the document writes as the same text, a block of rows at a time', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { expandRows, writtenRows } = await import('./refs.js');
    const doc = new PDFDocument();
    const row = (i: number): string => `${i + 1} 0 R`;
    expect(writtenRows(doc, 3, row, ' ')).toBe('1 0 R 2 0 R 3 0 R');
    const long = writtenRows(doc, 10_000, row, '\n');
    expect(long).not.toContain('0 R');
    expect(long.length).toBeLessThan(100);
    const text = `<<\n/Kids [${long}]\n/Nums [${writtenRows(doc, 5000, row, ' ')}]\n>>`;
    expect(expandRows(new PDFDocument(), text)).toBeUndefined(); // another document's placeholders are not its own
    const pieces = [...expandRows(doc, text)!];
    expect(pieces.length).toBeGreaterThan(4); // the rows come a block at a time, never as one string
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(60_000);
    expect(pieces.join('')).toBe(`<<\n/Kids [${joinRows(10_000, row, '\n')}]\n/Nums [${joinRows(5000, row, ' ')}]\n>>`);
    expect(expandRows(doc, 'no rows here')).toBeUndefined();
    expect(() => [...expandRows(doc, `again ${long}`)!]).toThrow(/written twice/);
  });
});
