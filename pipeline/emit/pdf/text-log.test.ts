import { describe, expect, it, vi } from 'vitest';
import { Spill } from '../../shared/spill.js';
import { TextLog } from './text-log.js';

describe('TextLog', () => {
  it('gives back every string in order, from disk and from the batch in memory', () => {
    const texts = ['Chapter One', '', 'Ἀρχή', 'Глава 2 — «начало»', '日本語のタイトル', 'emoji 🙂 here', 'x'.repeat(40)];
    const log = new TextLog(16);
    const create = vi.spyOn(Spill, 'create');
    texts.forEach((t, i) => expect(log.push(t)).toBe(i));
    expect(create).toHaveBeenCalledTimes(1);
    expect(log.length).toBe(texts.length);
    expect([...log]).toEqual(texts);
    // Read twice: the same.
    expect([...log]).toEqual(texts);
    log.close();
    create.mockRestore();
  });

  it('opens no file while the strings fit in one batch', () => {
    const create = vi.spyOn(Spill, 'create');
    const log = new TextLog();
    for (let i = 0; i < 100; i++) log.push(`story-${i}`);
    expect([...log]).toHaveLength(100);
    expect(create).not.toHaveBeenCalled();
    create.mockRestore();
  });
});
