/** Types of `corpus.mjs`, for the tests that make its corpora. */

/** One story of about `words` words, as text and as clean Markdown, seeded so every run makes the same one. */
export function story(seed: number, words: number): { text: string; markdown: string; words: number };

/** Writes `stories` stories totalling about `words` words into `dir` (text) and `dir`-md (Markdown); returns the words written. */
export function writeCorpus(dir: string, stories: number, words: number): number;
