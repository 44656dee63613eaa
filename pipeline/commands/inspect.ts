import type { Block, Provenance, Story } from '../model.js';
import { storyWords } from '../report/index.js';
import { plainText } from '../shared/inline.js';
import { formatInspected } from './inspect-text.js';
import { errorsOf, load, writeDiagnostics, type CommonArgs, type Io } from './shared.js';
import { Chunks, writeJson } from './json.js';

/** Where a value was found: a line of the story file, or another source (anthology.yaml, opening-words, …). */
export type Where = { line: number } | { source: string };

/** What `inspect` found in one story, and from which lines. The shape of `--json`'s `stories` entries. */
export interface InspectedStory {
  file: string;
  encoding: string;
  /** `text` is null for an untitled story; `display` is what the book shows. */
  title: { text: string | null; display: string; from?: Where };
  subtitle?: { text: string; from?: Where };
  /** Empty `names` means the author is unknown. */
  authors: { names: string[]; from?: Where };
  series?: { name: string; position?: number; statement: string; from?: Where };
  date?: { text: string; from?: Where };
  details: { key: string; label: string; value: string; line: number }[];
  frontNotes: { kind: string; label?: string; line: number }[];
  epigraph?: { line: number };
  /** Every chapter; `heading` is null for a one-shot's only chapter. */
  chapters: { count: number; list: { heading: string | null; line: number }[] };
  sceneBreaks: number;
  endNotes: { kind: string; label?: string; line: number }[];
  signature?: { name: string; date?: string; line: number };
  removed: { text: string; reason: string; line: number }[];
  words: number;
  /** Typography changes made by normalise, per rule code. */
  typography: Record<string, number>;
}

function where(p: Provenance | undefined): Where | undefined {
  if (!p) return undefined;
  return 'source' in p ? { source: p.source } : { line: p.line };
}

/** Describes one story of the ordered model for `inspect`. */
export function inspectStory(s: Story): InspectedStory {
  const m = s.meta;
  const blocks: Block[] = s.chapters.flatMap((c) => c.blocks);
  const epigraph = blocks.find((b) => b.kind === 'epigraph');
  const out: InspectedStory = {
    file: s.source.file,
    encoding: s.source.encoding,
    title: { text: m.title, display: m.displayTitle, from: where(m.provenance.title) },
    authors: { names: m.authors, from: where(m.provenance.authors) },
    details: m.details.map((d) => ({ key: d.key, label: d.label, value: d.value, line: d.pos.line })),
    frontNotes: s.front.map((n) => ({ kind: n.kind, label: n.label, line: n.pos.line })),
    chapters: { count: s.chapters.length, list: s.chapters.map((c) => ({ heading: c.heading ? plainText(c.heading) : null, line: c.pos.line })) },
    sceneBreaks: blocks.filter((b) => b.kind === 'sceneBreak').length,
    endNotes: s.end.map((n) => ({ kind: n.kind, label: n.label, line: n.pos.line })),
    removed: s.removed.map((r) => ({ text: r.text, reason: r.reason, line: r.pos.line })),
    words: storyWords(s),
    typography: s.typography,
  };
  if (m.subtitle !== undefined) out.subtitle = { text: m.subtitle, from: where(m.provenance.subtitle) };
  if (m.series) out.series = { ...m.series, from: where(m.provenance.series) };
  if (m.date !== undefined) out.date = { text: m.date, from: where(m.provenance.date) };
  if (epigraph) out.epigraph = { line: epigraph.pos.line };
  if (s.signature) out.signature = { name: s.signature.name, date: s.signature.date, line: s.signature.pos.line };
  return out;
}

/**
 * `anthologist inspect`: what was detected in each story and from which
 * lines, in reading order: one readable block per story on stdout, or with
 * `--json` one document `{ stories, diagnostics }`. Diagnostics go to stderr
 * in the human form. Exit codes as `lint`.
 */
export async function inspect(args: CommonArgs, io: Io): Promise<number> {
  const { book, diagnostics, exitCode } = await load(args);
  const stories = (book?.stories ?? []).map(inspectStory);
  await writeDiagnostics(io.err, args.quiet ? errorsOf(diagnostics) : diagnostics, args.verbose);
  if (args.json) await writeJson(io.out, { stories, diagnostics }, { diagnostics });
  else {
    // A story at a time, as the JSON is: a big folder's text is tens of megabytes.
    const out = new Chunks(io.out);
    for (const [i, s] of stories.entries()) {
      const written = out.add(`${i ? '\n\n' : ''}${formatInspected(s).join('\n')}${i === stories.length - 1 ? '\n' : ''}`);
      if (written) await written;
    }
    await out.flush();
  }
  return exitCode;
}
