import type { Progress } from '../options.js';

/**
 * A one-line progress bar for a terminal: stage, a bar, n of N and what is
 * being worked on. Drawn with a carriage return so it rewrites itself, and
 * cleared at the end; never used when stderr is not a terminal.
 */
export function progressBar(write: (s: string) => void, width = 24): { update: (p: Progress) => void; clear: () => void } {
  let drawn = false;
  return {
    update(p) {
      const frac = p.total ? Math.min(1, p.done / p.total) : 1;
      const fill = Math.round(frac * width);
      const what = p.stage === 'read' ? `story ${Math.min(p.done + 1, p.total)} of ${p.total}` : `${p.done} of ${p.total}`;
      const label = p.label ? ` ${p.label.length > 40 ? `…${p.label.slice(-39)}` : p.label}` : '';
      write(`\r\u001b[2K${p.stage.padEnd(6)} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${what}${label}`);
      drawn = true;
    },
    clear() {
      if (drawn) write('\r\u001b[2K');
      drawn = false;
    },
  };
}
