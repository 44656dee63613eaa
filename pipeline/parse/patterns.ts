/**
 * Recognisers for the lines that carry structure rather than story text.
 * Each is a small pure predicate, tested one line at a time. Those of
 * authors' names are in `names.ts`, those of chapter and part headings and
 * series statements in `headings.ts`; all are exported from here too.
 */

import { isNameLike, namesEnd, splitAuthors } from './names.js';
import { foreignSection } from './labels.js';

// The whole set under one name, as the tests take it.
export { byLine, INVISIBLE_ONLY, isNameLike, splitAuthors } from './names.js';
export { isChapterHeading, isPartLine, parseSeries } from './headings.js';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';

/** A line that could be a title: short, no sentence punctuation at the end, not dialogue. */
export function isTitleLike(s: string): boolean {
  const words = s.split(/\s+/u).length;
  if (inlineAuthorNote(s) || isEndMarker(s) || isNavigationLine(s)) return false;
  return words <= 10 && s.length <= 80 && !/[.,;:"”'’)\]]$/u.test(s) && /^[\p{Lu}\p{N}]/u.test(s);
}

/**
 * The line directly above a by-line is the title, whatever its punctuation or case
 * ("'Til Death", "?!...", "Heart (Reprise)", "¿Dónde Estás?"). Only an in-text note, an
 * end marker, a line ending in a comma, semicolon or colon, or a sentence of more than
 * three words ending in a full stop ("Thanks to my beta.") is not.
 */
export function isTitleAboveByLine(s: string): boolean {
  const words = s.split(/\s+/u).length;
  if (words > 12 || s.length > 100 || inlineAuthorNote(s) || isEndMarker(s) || /[,;:]$/u.test(s)) return false;
  return !(words > 3 && /[^.]\.$/u.test(s));
}

/** Where only site navigation goes: the last word of "Return to … Page", "Back to Stories Index", "Back to top". */
const NAV_TARGET = /(?:\b(?:chapters|index|page|pages|top|stories|archives?|contents|menu|fiction|fics|reviews?|homepage)|\b(?:story|stories|fic|author)\s+list)$/iu;

/**
 * A link with an arrow, as copied from a site's page: "Next >", "< Prev", "< Prev Next >",
 * "Part 3 >>", "<< Chapter 1". The arrow is what makes it a link: a bare "Next" or "Part 3" is not.
 */
const ARROW_NAVIGATION = /^(?:<+\s*(?:prev|previous|next|(?:part|chapter|ch\.?|pt\.?)\s+[\p{L}\p{N}]+)(?:\s+next\s*>+)?|(?:prev|previous|next|(?:part|chapter|ch\.?|pt\.?)\s+[\p{L}\p{N}]+)\s*>+)$/iu;

/**
 * Site navigation left in a saved page: "Return to … Page", "Back to Index", "Next Chapter >>",
 * "Review this story". A "go to" line needs a navigation target: "Back to Hogwarts",
 * "Return to Sender" and "Go to the window" are story text.
 */
export function isNavigationLine(s: string): boolean {
  if (s.length > 80 || /[.!?"”]$/u.test(s)) return false;
  const go = /^(?:<+\s*)?(?:return|back|go\s+back|go|jump)\s+to\s+(.+?)(?:\s*>+)?$/iu.exec(s);
  if (go) return NAV_TARGET.test(go[1]!);
  return /^(?:<+\s*)?(?:previous|prev|next)\s+(?:chapter|story|page|part)(?:\s*>+)?$/iu.test(s)
    || ARROW_NAVIGATION.test(s)
    || /^(?:review|rate|favou?rite|bookmark|comment\s+on)\s+(?:this|the)\s+(?:story|chapter|fic|work)$/iu.test(s)
    || /^(?:main\s+page|home\s*page|index|table\s+of\s+contents)$/iu.test(s);
}

/**
 * An end marker: "The End", "Fin", "TBC", "To be continued", and their like
 * in the languages whose header keys are read ("Конец", "Ende", "Продолжение
 * следует", "À suivre", "Fortsetzung folgt", "Continuará", "Continuerà").
 */
export function isEndMarker(s: string): boolean {
  return /^[~*\-–—\s]*(?:the\s+end|fin|tbc|to\s+be\s+continued|end|конец|кінець|ende|продолжение\s+следует|далі\s+буде|à\s+suivre|a\s+suivre|fortsetzung\s+folgt|continuar[áa]|continuer[àa])[\s.!…~*\-–—]*$/iu.test(s);
}

/** A heading that opens the end notes: "Author's Notes:", "A/N:", "Notes" (or an author's-note key of another language alone: "Примечания автора:"). */
export function isEndNotesHeading(s: string): boolean {
  return /^(?:author['’]?s['’]?\s+notes?|a\/n|end\s+notes?|notes?)\s*:?$/iu.test(s) || foreignSection(s)?.kind === 'authorsNote';
}

/** Words that mark a paragraph as being about the story rather than of it. */
export const ABOUT = /\b(?:one[- ]?shot|drabble|ficlet|fic|fanfic|story|stories|set\s+(?:after|before|during|between)|takes\s+place|written\s+(?:for|before|after)|spoilers?|disclaim\w*|own|rights|characters|thanks?|beta|reviews?|prompt|challenge|season|episode|series|sequel|prequel|a\/n|author)\b/iu;

/**
 * A paragraph that reads as the author talking about the story ("Thanks for reading!",
 * "Please review", "Hope you liked it :)") rather than as the story: after an end
 * marker such paragraphs are end notes, anything else is still story.
 */
export function readsAsNote(text: string): boolean {
  return ABOUT.test(text) || /\b(?:enjoy\w*|reading|r\s*&\s*r|kudos|feedback|comments?|updates?|chapters?|hope\s+you|let\s+me\s+know|next\s+time)\b|[:;]-?[)D(P](?!\w)|<3/iu.test(text);
}

/** A line made of a dash and a short attribution: "– A. Writer", "—the Talmud". Returns what follows the dash. */
export function dashAttribution(s: string): string | null {
  const m = /^[-–—~]+\s*([^\s\-–—].{0,40})$/u.exec(s);
  if (!m || m[1]!.split(/\s+/u).length > 5 || /[.!?,;:]$/u.test(m[1]!)) return null;
  return m[1]!.trim();
}

/** A signature line: a dash and a name, e.g. "– A. Writer". Returns the name; "- Reviews are love" and "– Fin" are not signatures. */
export function signatureName(s: string): string | null {
  const name = dashAttribution(s);
  return name && !isEndMarker(s) && isNameLike(name) ? name : null;
}

/** A date on its own line: "February 14, 2011", "14 February 2011", "March 2019", "2011-02-14", "2/14/2011". */
export function isDateLine(s: string): boolean {
  const t = s.trim();
  return new RegExp(`^(?:(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})$`, 'iu').test(t);
}

const GLYPHS = '\\s*~#=_+·•\\-–—';
const ONLY_GLYPHS = new RegExp(`^[${GLYPHS}]+$`, 'u');
const GLYPHS_AND_OX = new RegExp(`^[${GLYPHS}oOxX]+$`, 'u');
const GLYPH_RUN = new RegExp(`[${GLYPHS}]+`, 'u');

/**
 * A scene-break glyph line: `* * *`, `***`, `~~~`, `---`, `+++`, `#`, and decorative runs
 * mixing those with o and x: `oOo`, `xXx`, `-x-`, `-o-o-`, `-x-x-`, `~o~`.
 */
export function isGlyphBreak(s: string): boolean {
  const t = s.trim();
  if (ONLY_GLYPHS.test(t)) return !/^[-–—]$/u.test(t);
  if (t.length > 40 || !GLYPHS_AND_OX.test(t)) return false;
  // Each run of letters is an oOo/xXx wave, or a single o or x beside a glyph ("-o-o-"); "x" alone is a break too.
  const runs = t.split(GLYPH_RUN).filter(Boolean);
  const wave = (r: string) => /^(?:o+O+o+|O+o+O+|x+X+x+|X+x+X+)$/u.test(r);
  return runs.every(wave) || t === 'x' || (runs.join('').length < t.length && runs.every((r) => wave(r) || /^[oOxX]$/u.test(r)));
}

/** Epigraph on one line: a quotation followed by a dash and who said it. */
export function epigraphLine(s: string): { quote: string; attribution: string } | null {
  const m = /^(["“'‘].+["”'’])\s*[-–—~]+\s*([^"“”]{2,60})$/u.exec(s);
  return m ? { quote: m[1]!, attribution: m[2]!.trim() } : null;
}

/** "Title by Author" on one line: a title-like part, "by", and a name ("Saved by the Bell" is a title). */
export function titleByAuthor(s: string): { title: string; names: string } | null {
  if (s.length > 150) return null;
  // Each " by " in turn: "Stand by Me by Ann Lee" splits at the second.
  for (const m of s.matchAll(/\s+by\s+/gu)) {
    const title = s.slice(0, m.index);
    const names = s.slice(m.index + m[0].length);
    if (!title || title.length > 80 || !isTitleLike(title) || !names || names.length > 61 || !namesEnd(names) || /["”]$/u.test(names) || names.split(/\s+/u).length > 5) continue;
    // One line is a weaker sign than a by-line of its own: "Bound by Blood" and "Kissed by fire"
    // are titles, so a one-word name must look like a handle (a digit, "_", an inner capital, a dot).
    const authors = splitAuthors(names);
    if (authors.every(isNameLike) && authors.every((a) => /\s/u.test(a) || /[\d_.]|\p{Ll}\p{Lu}/u.test(a))) return { title, names };
  }
  return null;
}

/** "Posted originally on the … at URL." — the line archive downloads put under the title. */
export function postedOriginally(s: string): boolean {
  return /^(?:posted|published)\s+originally\s+on\s+.+\s+at\s+\S+$/iu.test(s) || /^originally\s+posted\s+(?:on|at)\s+\S/iu.test(s);
}

/** A section heading alone on a line before the story: "Summary", "Notes", "Author's Note:" (or their like in another language: `foreignSection`). */
export function sectionHeading(s: string): { kind: 'summary' | 'authorsNote' | 'disclaimer' | 'note'; label: string } | null {
  const m = /^(summary|description|notes?|author['’]?s['’]?\s+notes?|a\/n|disclaimer|foreword|preface|dedication)\s*:?$/iu.exec(s.trim());
  if (!m) return foreignSection(s);
  const w = m[1]!.toLowerCase();
  const kind = /summary|description/u.test(w) ? 'summary' : w === 'disclaimer' ? 'disclaimer' : /dedication|foreword|preface/u.test(w) ? 'note' : 'authorsNote';
  return { kind, label: m[1]! };
}

/** An author's note inside the text: "A/N: …", "(A/N: …)", "Author's note: …". Returns label and text. */
export function inlineAuthorNote(s: string): { label: string; text: string } | null {
  const m = /^\(?\s*(a\/n|an|author['’]?s['’]?\s+notes?)\s*:\s*(\S[\s\S]*?)\)?$/iu.exec(s);
  if (!m || (m[1]!.toLowerCase() === 'an' && !/^AN$/u.test(m[1]!))) return null;
  return { label: m[1]!, text: s.startsWith('(') && s.endsWith(')') ? m[2]! : s.slice(s.indexOf(':') + 1).trim() };
}

const LANGUAGES: Record<string, string> = {
  english: 'en', french: 'fr', français: 'fr', german: 'de', deutsch: 'de', spanish: 'es', español: 'es', italian: 'it', italiano: 'it',
  portuguese: 'pt', português: 'pt', dutch: 'nl', nederlands: 'nl', polish: 'pl', polski: 'pl', russian: 'ru', русский: 'ru', swedish: 'sv',
  norwegian: 'no', danish: 'da', finnish: 'fi', czech: 'cs', greek: 'el', turkish: 'tr', japanese: 'ja', 日本語: 'ja', chinese: 'zh', 中文: 'zh',
  korean: 'ko', 한국어: 'ko', arabic: 'ar', hebrew: 'he', ukrainian: 'uk', hungarian: 'hu', romanian: 'ro', indonesian: 'id', vietnamese: 'vi',
  // In their own words, as a header in the language writes it.
  українська: 'uk', беларуская: 'be', български: 'bg', ελληνικά: 'el', עברית: 'he', العربية: 'ar', ไทย: 'th', čeština: 'cs', magyar: 'hu', türkçe: 'tr', română: 'ro',
  svenska: 'sv', norsk: 'no', dansk: 'da', suomi: 'fi', 'русский язык': 'ru', 'українська мова': 'uk'
};

/** A language field's value ("English", "Deutsch", "pt-BR") as a BCP 47 tag, or null when it is neither a known name nor a tag. */
export function languageTag(value: string): string | null {
  const v = value.trim();
  if (/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u.test(v)) return v;
  return LANGUAGES[v.toLowerCase()] ?? null;
}

/** A line that opens a quotation: a speaker's line, an epigraph. */
export const OPENS_QUOTE = /^["“'‘]/u;
