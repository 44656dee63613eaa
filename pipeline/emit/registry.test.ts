import { describe, expect, it } from 'vitest';
import { emitters } from './index.js';
import { epubEmitter } from './epub/index.js';
import { pdfEmitter } from './pdf/index.js';

describe('the emitter registry', () => {
  it("gives each lazily loaded emitter the flags of the emitter it loads, which the runner reads before loading it", () => {
    const flags = (e: object): Record<string, unknown> => Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v !== 'function'));
    expect(flags(emitters.epub!)).toEqual(flags(epubEmitter));
    expect(flags(emitters.pdf!)).toEqual(flags(pdfEmitter));
    expect(emitters.pdf!.warnsWhileWriting).toBe(true);
    expect(typeof emitters.pdf!.emitTo === 'function').toBe(typeof pdfEmitter.emitTo === 'function');
  });
});
