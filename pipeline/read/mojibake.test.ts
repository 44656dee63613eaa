import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from './decode.js';
import { repairMojibake } from './mojibake.js';

/** What a tool produces when it reads UTF-8 as Windows-1252 (undefined bytes kept as C1 controls). */
const doubleEncode = (s: string) =>
  Array.from(new TextEncoder().encode(s), (b) => {
    const c = decodeWindows1252(Uint8Array.of(b));
    return c === '\uFFFD' ? String.fromCharCode(b) : c;
  }).join('');

describe('repairMojibake', () => {
  it.each([
    ['Itâ€™s', 'It’s'],
    ['â€œHiâ€\u009d', '“Hi”'],
    ['cafÃ©', 'café'],
    ['waitâ€”no', 'wait—no'],
    ['pp. 3â€“5', 'pp. 3–5'],
    ['Soâ€¦', 'So…'],
    ['naÃ¯ve', 'naïve'],
    ['Ã…ngstrÃ¶m', 'Ångström'],
    ['Å’uvre', 'Œuvre'],
    ['Â£5', '£5'],
    ['â‚¬10', '€10'],
    ['Brandâ„¢', 'Brand™'],
    ['aÂ\u00A0b', 'a\u00A0b'],
    ['ï¬\u0081ne', 'ﬁne'],
    ['ðŸ˜€!', '😀!'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет'],
    ['æ—¥æœ¬', '日本'],
    ['Ã¢â‚¬â„¢', '’'], // encoded three times
    ['ï»¿Title', '\uFEFFTitle'],
    ['sÄ… byÅ‚ coÅ›.', 'są był coś.'],
    ['CAFÃ‰', 'CAFÉ'],
    ['cÅ“ur CÅ’UR', 'cœur CŒUR'],
    ['Å\u0081Ã³dÅº', 'Łódź'],
  ])('repairs %j', (input, expected) => {
    const r = repairMojibake(input);
    expect(r.text).toBe(expected);
    expect(r.repairs).toBeGreaterThan(0);
  });

  it.each([
    'café', 'naïve', 'Ångström', 'Œuvre', '£5', '€5 — “quoted” ‘single’ … ™',
    'CAFÉ’S', 'JOSÉ’S', '„Straße“', 'Fuß…', 'a café…”', 'touché—”', 'voilà…”', 'ÀÁÂÃÄÅ',
    'SÃO PAULO', '“ATÉ AMANHÔ', '»PÅ»', '”GÅ”', 'NÄ…', 'Ãa', 'Ã', 'Â', 'â€', 'Î±', 'plain ASCII text', '',
  ])('leaves correct text %j alone', (input) => {
    expect(repairMojibake(input)).toEqual({ text: input, repairs: 0 });
  });

  it('repairs a mixed text piecewise and leaves the correct parts', () => {
    const input = 'He said â€œhiâ€\u009d to the cafÃ© owner. Then: “Fine,” she said — naïve. CAFÉ’S.';
    expect(repairMojibake(input)).toEqual({
      text: 'He said “hi” to the café owner. Then: “Fine,” she said — naïve. CAFÉ’S.',
      repairs: 3,
    });
  });

  it('undoes what double encoding does, and is idempotent', () => {
    const samples = ['“Don’t,” she said — naïve café… €5 ™', 'Ångström, Œuvre, £5, Fuß, Привет, 日本, 😀', 'ﬁne ½ → ✓'];
    for (const s of samples) {
      const once = repairMojibake(doubleEncode(s));
      expect(once.text).toBe(s);
      expect(repairMojibake(once.text)).toEqual({ text: s, repairs: 0 });
      expect(repairMojibake(s)).toEqual({ text: s, repairs: 0 });
    }
  });

  it('handles C1 stand-ins for every undefined Windows-1252 byte', () => {
    // U+2001 (E2 80 81), U+200D (E2 80 8D), U+200F (E2 80 8F), U+2010 (E2 80 90), U+201D (E2 80 9D)
    const input = 'â€\u0081â€\u008dâ€\u008fâ€\u0090â€\u009d';
    expect(repairMojibake(input).text).toBe('\u2001\u200D\u200F\u2010\u201D');
  });
});
