import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from './helpers/cli.js';
import { Messages } from '../pipeline/diagnostics/index.js';

/**
 * `lint`, `inspect` and `init` walk a big book's messages from disk in the
 * report's order, as `build` does (`Messages.sorted`), rather than reading
 * them back into one array (`Messages.list`, which holds every record):
 * their output is the same, byte for byte, as for the same book held in
 * memory. The commands cannot be told to spill a small book, so here every
 * load is made to, as a big book's is.
 */
const force = vi.hoisted(() => ({ spill: false }));
vi.mock('../pipeline/runner.js', async (importOriginal) => {
  const runner = await importOriginal<typeof import('../pipeline/runner.js')>();
  const loadAnthology: typeof runner.loadAnthology = (opts, ...rest) => runner.loadAnthology(force.spill ? { ...opts, spillBytes: 0 } : opts, ...rest);
  return { ...runner, loadAnthology };
});

afterEach(() => {
  force.spill = false;
  vi.restoreAllMocks();
});

/** Invented stories with warnings, notes and removed lines in every file, some out of line order. */
function stories(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anth-walk-')), 'in');
  mkdirSync(dir);
  for (let i = 1; i <= 6; i++) {
    const head = i % 3 === 0 ? '' : `Tide Table ${i}\nBy Marit Olsen\n\n`;
    const body = Array.from({ length: 4 }, (_, k) => `The ferry left at ${k + 1} and the the gulls w${k}th it, wh1le the quay emptied.`).join('\n\n');
    writeFileSync(join(dir, `tide-${i}.txt`), `${head}${body}\n\nBack to Index\n`);
  }
  return dir;
}

type Output = Awaited<ReturnType<typeof cli>>;

/** A command's output with the book held in memory, then spilled; how often the spilled run read the book's messages back whole, and parked them. */
async function both(args: string[], between = (): void => {}): Promise<{ kept: Output; spilled: Output; readWhole: number; parked: number }> {
  const kept = await cli(args);
  between();
  force.spill = true;
  const list = vi.spyOn(Messages.prototype, 'list', 'get');
  const parked = vi.spyOn(Messages.prototype, 'takeWritten');
  const spilled = await cli(args);
  // Each story is made with messages of its own, read whole as they are handed over: only the book's count.
  const book = new Set(parked.mock.contexts);
  return { kept, spilled, readWhole: list.mock.contexts.filter((m) => book.has(m)).length, parked: parked.mock.calls.length };
}

describe('lint, inspect and init on a book whose messages wait on disk', () => {
  const dir = stories();

  it.each(['lint', 'lint --verbose', 'lint --quiet', 'lint --json', 'inspect', 'inspect --json --verbose'])('%s: the same output, the messages walked, never read back whole', async (command) => {
    const { kept, spilled, readWhole, parked } = await both([...command.split(' '), dir]);
    expect(parked, 'the messages were parked on disk').toBeGreaterThan(0);
    expect(spilled).toEqual(kept);
    // --quiet shows errors only, and there are none.
    if (!command.includes('--quiet')) expect(kept.out + kept.err).toMatch(/Doubled word \\?"the the\\?"/u);
    expect(readWhole).toBe(0);
  });

  it('init --json: the same output, the messages walked, never read back whole', async () => {
    const config = join(dir, '..', 'walk.yaml');
    const { kept, spilled, readWhole, parked } = await both(['init', '--json', '--verbose', '--config', config, dir], () => rmSync(config));
    expect(parked).toBeGreaterThan(0);
    expect(spilled).toEqual(kept);
    expect(kept.out).toContain('"code": "text/doubled-word"');
    expect(readWhole).toBe(0);
  });
});
