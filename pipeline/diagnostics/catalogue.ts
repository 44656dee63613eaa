import type { Severity } from '../model.js';

/** One entry of the rule catalogue. Codes are stable: never renumber or reuse one. */
export interface RuleInfo {
  severity: Severity;
  /** One line for the docs: what the rule reports. */
  summary: string;
}

/**
 * Every diagnostic code anthologist can emit. `docs/diagnostics.md` is
 * checked against this table by a test, so the docs cannot drift.
 */
export const catalogue = {
  'input/not-found': { severity: 'error', summary: 'An input path does not exist.' },
  'input/unreadable': { severity: 'error', summary: 'An input file could not be read.' },
  'input/dangling-link': { severity: 'warning', summary: 'A story file in a folder is a symbolic link to nothing; it was skipped.' },
  'input/link-loop': { severity: 'warning', summary: 'A symbolic link in an input folder leads to a folder that holds it (`..`, `.`, `/`); it was not followed, as it would read the folders around the stories (for `/`, the whole disk) before coming back to them.' },
  'input/file-name': { severity: 'warning', summary: 'A story file\'s or folder\'s name is not UTF-8 text (Linux keeps the bytes a name was written with); it is read all the same, and messages, the report and anthology.yaml show each byte that is not UTF-8 as %XX.' },
  'input/no-stories': { severity: 'error', summary: 'The inputs contain no story files (.txt, .md).' },
  'input/too-large': { severity: 'error', summary: 'A story file is larger than the limit for one story (--max-file-size).' },
  'input/empty': { severity: 'error', summary: 'A story file is empty or holds only white space.' },
  'input/binary': { severity: 'error', summary: 'A story file holds binary data, not text.' },
  'input/fallback-encoding': { severity: 'warning', summary: 'A file is not valid UTF-8 and was decoded as Windows-1252, or in the legacy encoding (Cyrillic, Greek, Hebrew, Arabic, Thai, Central European, Chinese, Japanese, Korean) in which its text reads as words; the message names it.' },
  'input/missing-bom': { severity: 'warning', summary: 'A file without a byte order mark was recognised as UTF-16 by its zero bytes.' },
  'input/double-encoded': { severity: 'warning', summary: 'A file held text encoded twice (UTF-8 read as Windows-1252); it was repaired.' },
  'input/invalid-chars': { severity: 'warning', summary: 'A UTF-16 file held code units that are no character (a lone surrogate, a stray last byte), or a file read in a legacy encoding held bytes that are no character in it; each was replaced by U+FFFD (shown in the EPUB, left out of the PDF).' },
  'input/control-punctuation': { severity: 'warning', summary: 'A file held C1 control characters (Windows-1252 punctuation once read as Latin-1, such as U+0092 for ’); they were read as the Windows-1252 characters.' },
  'input/control-chars': { severity: 'warning', summary: 'Characters not allowed in XML were removed from a file.' },
  'input/zero-width': { severity: 'info', summary: 'Zero-width characters (U+200B, U+2060, U+FEFF) at the start or end of lines, where they hide header lines, headings and scene breaks and show nothing, were removed; inside a line they are kept.' },
  'input/front-matter': { severity: 'warning', summary: 'The YAML front matter of a Markdown file cannot be read; it is kept as text.' },
  'input/front-matter-duplicate': { severity: 'warning', summary: 'A Markdown file\'s front matter gives a key twice; both values are kept (two authors are both credited, a second title is kept as a note).' },
  'cli/usage': { severity: 'error', summary: 'The command line cannot be understood (an unknown option or format, a value not among the choices, no command) or carried out as given (init over an existing anthology.yaml without --force); given only with --json, which otherwise would print nothing.' },
  'config/invalid': { severity: 'error', summary: 'anthology.yaml cannot be read or has a wrong value.' },
  'config/ambiguous-story': { severity: 'warning', summary: 'An entry in anthology.yaml names a file only by the end of its path, and several input files end so; it is applied to none of them (name one by its path from the anthology.yaml folder).' },
  'config/unknown-story': { severity: 'warning', summary: 'anthology.yaml names a story file that is not among the inputs.' },
  'meta/default-title': { severity: 'info', summary: 'No anthology title was given; one was made from the input folder name.' },
  'meta/missing-title': { severity: 'warning', summary: 'A story has no title; it is shown by its opening words.' },
  'meta/unknown-author': { severity: 'warning', summary: 'A story names no author; it is shown as unknown.' },
  'meta/language-script': { severity: 'warning', summary: 'A story\'s text is plainly in another script than its language is written in (Cyrillic in a story whose language is en); set language: for it in anthology.yaml. The language is never guessed.' },
  'rights/no-permission': { severity: 'warning', summary: 'A story restricts archiving and anthology.yaml records no permission: for it (an error under --strict).' },
  'struct/removed-line': { severity: 'info', summary: 'A line that is not story text (site navigation) was removed.' },
  'text/suspicious-token': { severity: 'warning', summary: 'A word has a digit inside it: a possible typo, left as written.' },
  'text/doubled-word': { severity: 'warning', summary: 'The same word twice in a row: a possible typo, left as written.' },
  'text/unbalanced-quotes': { severity: 'warning', summary: 'A paragraph closes more quotes than it opens, or opens one that is never closed: a possible typo, left as written.' },
  'build/template': { severity: 'error', summary: 'A template cannot be read or filled (a missing variable names the template and line).' },
  'pdf/missing-glyph': { severity: 'warning', summary: 'A character no font of the PDF can draw was left out of the PDF (it is in the EPUB).' },
  'build/output-folder': { severity: 'error', summary: 'The output folder cannot be created (for example, a file of that name exists).' },
  'build/emit-failed': { severity: 'error', summary: 'An output format could not be written.' },
  'build/cache-unusable': { severity: 'warning', summary: 'The build cache folder cannot be made or written (for example, a file of that name exists); the books are built without it, the same.' },
} as const satisfies Record<string, RuleInfo>;

/** A code that exists in the catalogue. */
export type Code = keyof typeof catalogue;
