import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Messages } from '../diagnostics/index.js';
import type { AnthologyMeta, Note, OrderKey, PagePreset, Story } from '../model.js';
import { plainText } from '../shared/inline.js';
import { labelsFor, seriesStatement } from '../shared/labels.js';
import { checkLanguage } from './script.js';
import { parseDateUTC } from '../shared/dates.js';
import type { AnthologyConfig, StoryEntry } from './index.js';

/** Values given on the command line: the top of the cascade. */
export interface CliMeta {
  title?: string;
  language?: string;
  order?: OrderKey;
  page?: PagePreset;
}

/** When neither SOURCE_DATE_EPOCH nor anthology.yaml gives a date: a fixed one, so builds are reproducible. */
export const FIXED_DATE = '1980-01-01T00:00:00Z';

/**
 * The anthology's metadata: defaults < anthology.yaml < CLI flags, then
 * checked. The identifier is derived from the stories' bytes and the
 * resolved metadata, so the same inputs always give the same book.
 * `typeset` sets the book's title, subtitle, editor, description and
 * publisher as the stories' titles are set (the typography rules, unless
 * `typography: off`): every page and both books' metadata show them alike.
 */
export function resolveMeta(cfg: AnthologyConfig, cli: CliMeta, stories: Story[], where: { firstFolder?: string; configDir?: string }, env: Record<string, string | undefined>, messages: Messages, typeset: (s: string) => string = (s) => s): AnthologyMeta {
  let title = cli.title ?? cfg.title;
  if (!title) {
    title = where.firstFolder ? titleFromFolder(where.firstFolder) : 'Anthology';
    messages.add('meta/default-title', `No anthology title given; using "${title}" (set title: in anthology.yaml or --title)`);
  }
  const meta: AnthologyMeta = {
    title: typeset(title),
    language: cli.language ?? cfg.language ?? 'en',
    modified: buildDate(env, cfg.date),
    identifier: '',
    order: cli.order ?? cfg.order ?? (cfg.stories?.length ? 'manifest' : 'title'),
    page: cli.page ?? cfg.page ?? 'a5',
  };
  // The book's own texts are set as its title is: an editor's "O'Malley" or a description's "--" beside curly quotes and dashes on the same page.
  for (const k of ['subtitle', 'editor', 'description', 'publisher'] as const) if (cfg[k]) meta[k] = typeset(cfg[k]);
  if (cfg.cover) meta.cover = resolve(where.configDir ?? '.', cfg.cover);
  meta.identifier = contentId(meta, stories);
  return meta;
}

/** The indices of `stories:` entries in the editor's order: a story's `order:` number places it; the others keep their place in the list. */
export function manifestOrder(cfg: AnthologyConfig): number[] {
  // A story's `order:` number places it (1 is first); the others keep their place in the list,
  // counted from 1, and an entry placed by number comes before one that is only there at that place.
  const ranked = (cfg.stories ?? []).map((s, i) => ({ rank: s.order ?? i + 1, placed: s.order !== undefined ? 0 : 1, i }));
  return ranked.sort((a, b) => a.rank - b.rank || a.placed - b.placed || a.i - b.i).map((s) => s.i);
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
  else if (configured) d = new Date(parseDateUTC(configured));
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

/**
 * Applies the editor's per-story entry from anthology.yaml (the one that
 * names this story's file: see config/entries.ts): corrections to title,
 * authors, language and series win over detection; `permission:` is recorded;
 * `notes:` drops the notes the editor left out, listing each as removed.
 */
export function applyStoryEntry(story: Story, e: StoryEntry | undefined): Story {
  if (!e) return story;
  const meta = { ...story.meta, provenance: { ...story.meta.provenance } };
  const yaml = { source: 'anthology.yaml' } as const;
  if (e.title) [meta.title, meta.displayTitle, meta.provenance.title] = [e.title, e.title, yaml];
  if (e.authors?.length) [meta.authors, meta.provenance.authors] = [e.authors, yaml];
  if (e.language) meta.language = e.language;
  if (e.series || e.part) {
    const name = e.series ?? meta.series?.name ?? '';
    const position = e.part ?? meta.series?.position;
    // The story's own statement stands only while it says what the entry says: a corrected
    // name or part would otherwise reach the book's metadata but not its pages.
    const same = meta.series && name === meta.series.name && position === meta.series.position;
    // In the story's language, which is the book's unless the editor or the story says otherwise.
    const statement = same ? meta.series!.statement : seriesStatement(name, position, labelsFor(meta.language));
    [meta.series, meta.provenance.series] = [{ name, position, statement }, yaml];
  }
  if (e.permission) meta.permission = e.permission;
  let { front, end, removed } = story;
  if (e.notes && e.notes !== 'all') {
    const keep = (kind: string) => e.notes !== 'none' && (e.notes as string[]).includes(kind);
    const drop = (n: Note) => n.blocks.map((p) => ({ text: plainText(p.inlines), reason: 'note left out in anthology.yaml', pos: p.pos }));
    removed = [...removed, ...front.filter((n) => !keep(n.kind)).flatMap(drop), ...(keep('end') ? [] : end.flatMap(drop))];
    front = front.filter((n) => keep(n.kind));
    end = keep('end') ? end : [];
  }
  return { ...story, meta, front, end, removed };
}


/** Archiving statements that ask for the author's permission before a story is reposted. */
const RESTRICTED = /\b(?:only\s+with|with(?:out)?\s+(?:my|the(?:\s+author['’]?s)?)\s+permission|ask\s+(?:first|me|permission)|do\s*n[o’']t\s+(?:archive|post|repost)|not\s+(?:to\s+be\s+)?(?:archived|reposted)|no\s+archiving|permission\s+(?:required|needed))\b/iu;

/**
 * The same in the languages whose header keys are read (`labels.ts`): an
 * archive's "Публикация на других ресурсах: Запрещено" (forbidden) or
 * "Уточнять у автора" (ask the author), "Interdit", "Nur mit Erlaubnis",
 * "Prohibida", "Proibido", "Vietato", "only with (my) permission". \b
 * knows ASCII letters only: these are matched from a word's start by hand.
 */
const RESTRICTED_ELSEWHERE = /(?<![\p{L}])(?:запрещ|уточн\p{L}*\s+у\s+автора|спрос\p{L}*\s+у\s+автора|только\s+с\s+разрешения|заборон|interdit|avec\s+(?:la\s+|ma\s+|mon\s+|l['’])?(?:permission|autorisation|accord)|nur\s+mit\s+(?:meiner\s+|der\s+)?(?:erlaubnis|genehmigung|zustimmung)|verboten|prohibid|s[oó]lo\s+con\s+(?:mi\s+|el\s+)?permiso|proibid|somente\s+com\s+(?:a\s+minha\s+)?(?:permiss|autoriza)|vietat|solo\s+con\s+(?:il\s+(?:mio\s+)?)?permesso)/iu;

/** Whether a story's own rights note restricts archiving. */
export function restrictsArchiving(story: Story): Note | undefined {
  const restricts = (text: string): boolean => RESTRICTED.test(text) || RESTRICTED_ELSEWHERE.test(text);
  return [...story.front, ...story.end].find((n) => n.kind === 'rights' && n.blocks.some((p) => restricts(plainText(p.inlines))));
}

/** Checks a story's metadata after the cascade: a missing title or author is reported, never invented. */
export function checkStoryMeta(story: Story, messages: Messages): void {
  const at = { file: story.source.file, line: 1, column: 1 };
  if (story.meta.title === null) messages.add('meta/missing-title', `No title found; shown by its opening words "${story.meta.displayTitle}"`, at);
  if (!story.meta.authors.length) messages.add('meta/unknown-author', 'No author found; shown as unknown (set authors: for this file in anthology.yaml)', at);
  checkLanguage(story, messages);
  const restriction = restrictsArchiving(story);
  if (restriction && !story.meta.permission) {
    messages.add('rights/no-permission', `The author restricts archiving ("${plainText(restriction.blocks[0]!.inlines)}") and anthology.yaml records no \"permission:\" for this file`, restriction.pos);
  }
}
