/**
 * Recognisers of the lines that divide a story or place it among others:
 * chapter and part headings, and series statements ("Part 6 of X").
 */

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** A part line such as "Pt. II", "Part 2", "Part Two". */
export function isPartLine(s: string): boolean {
  return /^(?:pt\.?|part)\s*(?:[ivxlc]+|\d+|[a-z]+)\.?$/iu.test(s) && (/\d|^(?:pt\.?|part)\s*[ivxlc]+\.?$/iu.test(s) || NUMBER_WORDS.some((w) => s.toLowerCase().endsWith(w)) || ORDINALS.some((w) => s.toLowerCase().endsWith(w)));
}

/** "Sixth part of the X series", "Part 6 of X", "X, part 6": name and position. */
export function parseSeries(statement: string): { name: string; position?: number } {
  const s = statement.trim().replace(/[.]+$/u, '');
  const ord = new RegExp(`^(${ORDINALS.join('|')}|\\d+(?:st|nd|rd|th)?)\\s+(?:part|story|installment|instalment|entry|book)\\s+(?:of|in)\\s+(?:the\\s+)?(.+?)(?:\\s+series)?$`, 'iu').exec(s);
  if (ord) return { name: ord[2]!, position: toNumber(ord[1]!) };
  const partOf = /^(?:part|book)\s+(\d+|[a-z]+)\s+(?:of|in)\s+(?:the\s+)?(.+?)(?:\s+series)?$/iu.exec(s);
  if (partOf && toNumber(partOf[1]!)) return { name: partOf[2]!, position: toNumber(partOf[1]!) };
  const trailing = /^(.+?),?\s+(?:part|book|#)\s*(\d+)$/iu.exec(s);
  if (trailing) return { name: trailing[1]!, position: Number(trailing[2]) };
  return { name: s.replace(/^the\s+/iu, '').replace(/\s+series$/iu, '') };
}

function toNumber(w: string): number | undefined {
  const l = w.toLowerCase();
  const n = parseInt(l, 10);
  if (!Number.isNaN(n)) return n;
  const i = ORDINALS.indexOf(l);
  if (i >= 0) return i + 1;
  const j = NUMBER_WORDS.indexOf(l);
  return j >= 0 ? j + 1 : undefined;
}

const NUMBERISH = `\\d+|[ivxlcdm]+|${NUMBER_WORDS.join('|')}|${ORDINALS.join('|')}|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;
/**
 * The words a numbered heading opens with ("Chapter 3", "Pt. II"), and those
 * that head a part alone ("Prologue"): in English, and in the languages
 * whose header keys are read too (see `labels.ts`: Russian and Ukrainian,
 * French, German, Spanish, Portuguese, Italian). Numbers are figures,
 * Roman numerals or English words ("Глава 3", "Kapitel IV").
 */
const NUMBERED_WORD = `(?:chapter|ch\\.?|part|pt\\.?|book|volume|vol\\.?|глава|часть|розділ|частина|chapitre|partie|livre|tome|kapitel|teil|buch|band|cap[ií]tulo|parte|libro|livro|capitolo)`;
const LONE_WORD = `(?:prologue|epilogue|interlude|afterword|coda|пролог|эпилог|епілог|интерлюдия|послесловие|épilogue|prolog|epilog|nachwort|pr[oó]logo|ep[ií]logo|interludio)`;

const CHAPTER = new RegExp(`^(?:${NUMBERED_WORD}\\s+(?:${NUMBERISH})\\b\\.?(?:\\s*[:.\\-–—]\\s*\\S.*|\\s+\\S.*)?|${LONE_WORD}(?:\\s*[:.\\-–—]\\s*\\S.*)?)$`, 'iu');

const NUMBERED_THEN_WORD = new RegExp(`^${NUMBERED_WORD}\\s+(?:${NUMBERISH})\\s+(\\S)`, 'iu');

/** A chapter word (and its number) then a separator and the chapter's own title: "Chapter 12: …", "Part IV. …", "Epilogue — …". */
const TITLED = new RegExp(`^(?:${NUMBERED_WORD}\\s+(?:${NUMBERISH})\\b|${LONE_WORD})\\s*[:.\\-–—]\\s*(\\S.*)$`, 'iu');

/**
 * A sentence's end with more after it: "… did. The sea …". Not after a title
 * of address or an initial, which titles hold too ("Mrs. Pell", "Dr. Anselm", "J. Ash").
 */
const SENTENCE_INSIDE = /(?<!\b(?:Mr|Mrs|Ms|Mx|Dr|St|Mt|Jr|Sr|Prof|Rev|Capt|Col|Gen|Lt|Sgt|vs|etc|No|\p{Lu}))[.!?…]["”'’)\]]*\s+\S/u;

/** A title that opens as a sentence does, a pronoun and a lower-case word: "I know some of you…", "It was late when…". */
const SPEAKS = /^(?:I|I['’](?:m|ve|ll|d)|We|You|He|She|It|They)\s+\p{Ll}/u;

/** A heading word at the start of a line, with CHAPTER's and TITLED's flags: every line they accept opens with one. */
const HEADING_START = new RegExp(`^(?:${NUMBERED_WORD}|${LONE_WORD})`, 'iu');

/** How long a heading may be: short ones as a rule, longer ones only with a title of their own (see isChapterHeading). */
const SHORT_HEADING = { chars: 80, words: 12 };
const LONG_HEADING = { chars: 200, words: 35 };

/**
 * A chapter or part heading: "Chapter 1", "Chapter Two: The Road", "Part III", "Prologue",
 * "Epilogue". A heading does not read as a sentence: a lower-case word right
 * after the number ("Book two was even better…", "Chapter 11 of the logbook…") makes it prose.
 * Up to 80 characters and 12 words that is all; a longer line (up to 200 characters and
 * 35 words: "Chapter 12: In Which Our Keeper Discovers That …") is a heading only when a
 * separator sets its title off, the title opens with a capital (or a digit, a quote) but
 * not as a sentence does (SPEAKS), and it holds a single sentence: "Chapter One. She woke
 * early. The sea …" and "Part 2 - I know some of you …" are prose.
 */
export function isChapterHeading(s: string): boolean {
  const t = s.trim();
  // Every heading opens with one of the words CHAPTER and TITLED begin with; most lines, prose, are
  // refused here on their first letters, before the tests below scan them (about 1 µs a line).
  if (!HEADING_START.test(t)) return false;
  // An arrow makes it a link to another chapter ("Part 3 >>"), not the heading of this one.
  if (t.length > LONG_HEADING.chars || /[,;]$|^<|>$/u.test(t)) return false;
  const words = t.split(/\s+/u).length;
  if (t.length > SHORT_HEADING.chars || words > SHORT_HEADING.words) {
    const title = words <= LONG_HEADING.words ? TITLED.exec(t)?.[1] : undefined;
    return title !== undefined && !/^\p{Ll}/u.test(title) && !SPEAKS.test(title) && !SENTENCE_INSIDE.test(title);
  }
  if (!CHAPTER.test(t)) return false;
  const next = NUMBERED_THEN_WORD.exec(t)?.[1];
  return !next || !/\p{Ll}/u.test(next);
}
