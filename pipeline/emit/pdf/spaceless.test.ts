import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spacelessParts } from './spaceless.js';

describe('line breaks in Thai and other scripts written without spaces', () => {
  it('breaks between the words a dictionary finds', () => {
    expect(spacelessParts('ฉันรักภาษาไทยมากครับ')).toEqual(['ฉัน', 'รัก', 'ภาษา', 'ไทย', 'มาก', 'ครับ']);
  });

  it('never before punctuation or a repetition mark', () => {
    expect(spacelessParts('ครับ,')).toEqual(['ครับ,']);
    expect(spacelessParts('เด็กๆเล่น')).toEqual(['เด็กๆ', 'เล่น']);
    expect(spacelessParts('"สวัสดี"')).toEqual(['"สวัสดี"']);
  });

  it('leaves text of other scripts whole', () => {
    expect(spacelessParts('hello')).toEqual(['hello']);
    expect(spacelessParts('海は広い')).toEqual(['海は広い']);
  });

  it('loses nothing, and never opens a part with a mark or a following vowel', () => {
    const bits = ['ก', 'ข', 'เ', 'ไ', 'า', 'ะ', '\u0E31', '\u0E48', '\u0E49', 'ๆ', 'ฯ', 'ำ', '๑', ',', '.', '"', 'a', 'b', '-', '\u0E4C', 'ร', 'น', 'ม', 'ย'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 40 }), (xs) => {
        const text = xs.join('');
        const parts = spacelessParts(text);
        expect(parts.join('')).toBe(text === '' ? '' : text);
        for (const p of parts.slice(1)) expect(p).toMatch(/^[\u0E01-\u0E2E\u0E40-\u0E44\u0E50-\u0E59]/);
      }),
      { numRuns: 2000 },
    );
  });
});
