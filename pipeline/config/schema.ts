import { z } from 'zod';
import { parseDateUTC } from '../shared/dates.js';

/** BCP 47 language tags as editors write them: en, en-GB, pt-BR, zh-Hant-TW. */
const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

/** Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

/** The first character of `v` a book cannot hold, as U+XXXX. */
const forbiddenIn = (v: string) => `U+${v.match(XML_FORBIDDEN)![0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

// A value quoted with "\u0007" or pasted with a control character in it would reach the EPUB
// as U+FFFD and be left out of the PDF: the editor's own words changed without a word.
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .check((ctx) => {
    if (XML_FORBIDDEN.test(ctx.value)) ctx.issues.push({ code: 'custom', message: `must not hold a control character (${forbiddenIn(ctx.value)})`, input: ctx.value });
  });

/** For `YYYY-MM-DD…`, the problem when that month has no such day: the date parser rolls 2024-02-30 on to 1 March. */
function missingDay(v: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/u.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? undefined : `is not a date (${m[1]}-${m[2]} has no day ${d})`;
}

/** YAML reads 2024-12-01 as a date: both spellings are accepted, and the value is kept as ISO text. */
const date = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString() : v))
  .refine((v) => !Number.isNaN(parseDateUTC(v)), 'is not a date (use YYYY-MM-DD)')
  // Read as the next month's day, the book would carry a date the editor never wrote.
  .check((ctx) => {
    const problem = Number.isNaN(parseDateUTC(ctx.value)) ? undefined : missingDay(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** Which notes of a story the book shows: all, none, or the listed kinds. */
export const NOTE_KINDS = ['disclaimer', 'authorsNote', 'rights', 'series', 'summary', 'note', 'end'] as const;

/** The story orders `order:` and `--order` accept. */
export const ORDER_KEYS = ['manifest', 'title', 'author', 'date', 'series', 'words'] as const;

/** The PDF page presets. */
export const PAGE_PRESETS = ['ereader', 'a5', 'letter', '6x9'] as const;

/** One entry of `stories:`: a file and the editor's corrections, which win over detection. */
export const storyEntrySchema = z.strictObject({
  file: text,
  title: text.optional(),
  authors: z.union([text.transform((a) => [a]), z.array(text)]).optional(),
  series: text.optional(),
  part: z.number().int().positive().optional(),
  order: z.number().optional(),
  notes: z.union([z.enum(['all', 'none']), z.array(z.enum(NOTE_KINDS))]).optional(),
  permission: text.optional(),
  /** The story's language, where it is not the book's (and the story's own header does not say). */
  language: z.string().regex(LANG, 'is not a BCP 47 language tag (e.g. en, en-GB, de)').optional(),
});

/** The whole anthology.yaml. Every key is optional; unknown keys are errors. */
export const configSchema = z.strictObject({
  title: text.optional(),
  subtitle: text.optional(),
  editor: text.optional(),
  language: z.string().regex(LANG, 'is not a BCP 47 language tag (e.g. en, en-GB, de)').optional(),
  description: text.optional(),
  publisher: text.optional(),
  date: date.optional(),
  cover: text.optional(),
  page: z.enum(PAGE_PRESETS).optional(),
  order: z.enum(ORDER_KEYS).optional(),
  typography: z.enum(['smart', 'off']).optional(),
  stories: z.array(z.union([text.transform((file): z.infer<typeof storyEntrySchema> => ({ file })), storyEntrySchema])).optional(),
});

/** A per-story entry, validated. */
export type StoryEntry = z.infer<typeof storyEntrySchema>;

/** The anthology.yaml file, validated. */
export type AnthologyConfig = z.infer<typeof configSchema>;
