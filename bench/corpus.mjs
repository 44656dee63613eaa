// Synthetic story dumps for the benchmark, in the messy shapes real archives have:
// header lines, by-lines, notes before the title, chapters, scene breaks made of
// blank lines and glyphs, straight quotes, end notes, signatures, navigation lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ('the harbour lamp was lit every night and she climbed ninety stairs to reach it while the fog '
  + 'rolled over the water boats came home one by one he said nothing she said less because words were '
  + 'expensive in winter letters arrived late the keeper counted oil and wrote the log before sleeping').split(' ');

/** A deterministic pseudo-random generator (mulberry32), so every run makes the same corpus. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r, n) {
  const w = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return w.join(' ');
}

function paragraph(r) {
  const kind = r();
  const s = sentence(r, 8 + Math.floor(r() * 30));
  if (kind < 0.3) return `"${s}," she said. "${sentence(r, 6)}..."`;
  if (kind < 0.4) return `${s} -- ${sentence(r, 5).toLowerCase()}.`;
  return `${s}. ${sentence(r, 6 + Math.floor(r() * 14))}.`;
}

/** One story of about `words` words, as text (and as clean Markdown for the peers). */
export function story(seed, words) {
  const r = rng(seed);
  const title = `${sentence(r, 2 + Math.floor(r() * 3))} ${seed}`;
  const author = `writer_${seed % 97}`;
  const head = [`DISCLAIMER: ${sentence(r, 9)}.`, `SERIES: Part ${1 + (seed % 5)} of the Harbour series.`, '', title, `By ${author}`, '', ''];
  const md = [`# ${title}`, '', `*by ${author}*`, ''];
  const body = [];
  let count = 0;
  let chapter = 1;
  while (count < words) {
    const p = paragraph(r);
    count += p.split(/\s+/u).length;
    if (r() < 0.04) {
      body.push(`Chapter ${++chapter}`, '');
      md.push(`## Chapter ${chapter}`, '');
    } else if (r() < 0.05) {
      body.push('', '* * *', '');
      md.push('* * *', '');
    }
    body.push(p, '');
    md.push(p, '');
  }
  const tail = ['The End', '', "Author's Notes:", '', sentence(r, 12) + '.', '', `– ${author}`, '', 'March 3, 2012', '', 'Return to Main Page'];
  return { text: [...head, ...body, ...tail].join('\n') + '\n', markdown: md.join('\n') + '\n', words: count };
}

/** Writes `stories` stories totalling about `words` words into `dir` (text) and `dir`-md (Markdown). */
export function writeCorpus(dir, stories, words) {
  mkdirSync(dir, { recursive: true });
  mkdirSync(`${dir}-md`, { recursive: true });
  let total = 0;
  for (let i = 0; i < stories; i++) {
    const s = story(i + 1, Math.round(words / stories));
    total += s.words;
    const name = `story-${String(i + 1).padStart(5, '0')}`;
    writeFileSync(join(dir, `${name}.txt`), s.text);
    writeFileSync(join(`${dir}-md`, `${name}.md`), s.markdown);
  }
  return total;
}
