import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Messages } from '../diagnostics/index.js';
import type { AnthologyMeta, Story } from '../model.js';
import type { AnthologyConfig, StoryEntry } from './index.js';
import { matchesFile } from '../order/index.js';

/** Values given on the command line: the top of the cascade. */
export interface CliMeta {
  title?: string;
}

/** When neither SOURCE_DATE_EPOCH nor anthology.yaml gives a date: a fixed one, so builds are reproducible. */
export const FIXED_DATE = '1980-01-01T00:00:00Z';

/**
 * The anthology's metadata: defaults < anthology.yaml < CLI flags, then
 * checked. The identifier is derived from the stories' bytes and the
 * resolved metadata, so the same inputs always give the same book.
 */
export function resolveMeta(cfg: AnthologyConfig, cli: CliMeta, stories: Story[], firstFolder: string | undefined, env: Record<string, string | undefined>, messages: Messages): AnthologyMeta {
  let title = cli.title ?? cfg.title;
  if (!title) {
    title = firstFolder ? titleFromFolder(firstFolder) : 'Anthology';
    messages.add('meta/default-title', `No anthology title given; using "${title}" (set title: in anthology.yaml or --title)`);
  }
  const meta: AnthologyMeta = {
    title,
    language: cfg.language ?? 'en',
    modified: buildDate(env, cfg.date),
    identifier: '',
    order: cfg.order ?? (cfg.stories?.length ? 'manifest' : 'title'),
    page: 'a5',
  };
  for (const k of ['subtitle', 'editor', 'description', 'publisher'] as const) if (cfg[k]) meta[k] = cfg[k];
  if (cfg.stories) meta.manifest = cfg.stories.map((s) => s.file);
  meta.identifier = contentId(meta, stories);
  return meta;
}

function titleFromFolder(dir: string): string {
  const words = basename(dir).replace(/[-_.]+/gu, ' ').trim();
  return words ? words.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase()) : 'Anthology';
}

/** SOURCE_DATE_EPOCH (seconds) wins, then anthology.yaml's date, then {@link FIXED_DATE}. Never the clock. */
export function buildDate(env: Record<string, string | undefined>, configured?: string): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  let d: Date | undefined;
  if (epoch && /^\d+$/u.test(epoch)) d = new Date(Number(epoch) * 1000);
  else if (configured) d = new Date(configured);
  return d && !Number.isNaN(d.getTime()) ? d.toISOString().replace(/\.\d{3}Z$/u, 'Z') : FIXED_DATE;
}

/** A name-based UUID (version 5 layout) over the book's content. */
function contentId(meta: AnthologyMeta, stories: Story[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([meta.title, meta.subtitle, meta.language, meta.editor]));
  for (const s of [...stories].map((x) => x.source.sha256).sort()) h.update(s);
  const hex = h.digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const x = hex.join('');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Applies the editor's per-story corrections from anthology.yaml (they win over detection). */
export function applyStoryEntries(story: Story, entries: StoryEntry[] = []): Story {
  const e = entries.find((x) => matchesFile(story.source.file, x.file));
  if (!e) return story;
  const meta = { ...story.meta, provenance: { ...story.meta.provenance } };
  if (e.title) [meta.title, meta.displayTitle, meta.provenance.title] = [e.title, e.title, { source: 'anthology.yaml' }];
  if (e.authors?.length) [meta.authors, meta.provenance.authors] = [e.authors, { source: 'anthology.yaml' }];
  return { ...story, meta };
}

/** Checks a story's metadata after the cascade: a missing title or author is reported, never invented. */
export function checkStoryMeta(story: Story, messages: Messages): void {
  const at = { file: story.source.file, line: 1, column: 1 };
  if (story.meta.title === null) messages.add('meta/missing-title', `No title found; shown by its opening words "${story.meta.displayTitle}"`, at);
  if (!story.meta.authors.length) messages.add('meta/unknown-author', 'No author found; shown as unknown (set authors: for this file in anthology.yaml)', at);
}
