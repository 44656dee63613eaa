import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { buildAnthology } from '../pipeline/runner.js';

/** A temp folder `in/` holding the files; returns its absolute path. */
function stories(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anth-lint-glyphs-')), 'in');
  mkdirSync(dir);
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  return dir;
}

// Made up: a Tibetan letter (which no font of the PDF has) on line 6, after 22 other characters.
const PRAYER = 'Title: Wind Over the Pass\nAuthor: R. Tenzin\n\nThe flags snapped all night.\n\nOne flag bore a letter \u0F40 that nobody could read, and \u0F40 again.\n';
const PLAIN = 'Title: Plain Water\nAuthor: M. Brook\n\nThe river ran on — “quietly,” she said… and that was all.\n';

describe('anthologist lint and the characters the PDF cannot draw', () => {
  it('reports pdf/missing-glyph as build does, at the character\'s line and column; --strict fails with exit 3', async () => {
    const dir = stories({ 'a.txt': PRAYER, 'b.txt': PLAIN });
    const file = join(dir, 'a.txt');
    const line = `${file}:6:24 warning No font of the PDF can draw this character, left out of the PDF: \u0F40 (U+0F40) ×2 [pdf/missing-glyph]`;
    const loose = await cli(['lint', dir]);
    expect(loose.code).toBe(0);
    expect(loose.out.split('\n')).toContain(line);
    const strict = await cli(['lint', dir, '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.out.split('\n')).toContain(line.replace(' warning ', ' error '));
    // The very message a build gives (which finds it as it sets the PDF).
    const built = await buildAnthology({ inputs: [dir], outDir: join(dir, '..', 'out'), formats: ['pdf'], env: {} });
    const fromBuild = built.report.diagnostics.filter((d) => d.code === 'pdf/missing-glyph');
    const fromLint = (JSON.parse((await cli(['lint', dir, '--json'])).out) as { code: string }[]).filter((d) => d.code === 'pdf/missing-glyph');
    expect(fromLint).toEqual(fromBuild);
    expect(fromLint).toHaveLength(1);
  });

  it('reports nothing of the kind for text every font draws', async () => {
    const dir = stories({ 'b.txt': PLAIN, 'c.txt': 'Title: Σκιές\nAuthor: Ира Лис\n\nНочь. θάλασσα. 海. ★ 😀 and שלום.\n' });
    const r = await cli(['lint', dir, '--strict', '--json']);
    expect((JSON.parse(r.out) as { code: string }[]).map((d) => d.code)).not.toContain('pdf/missing-glyph');
  });
});
