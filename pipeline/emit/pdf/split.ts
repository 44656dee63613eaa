import { primaryFont } from './fonts.js';
import { makeWord, type Piece, type Word, type WordOptions } from './measured.js';

/**
 * Splits a word at a hyphenation point so that its first part, with a drawn
 * hyphen, fits in `avail` (the room left on the line, before the word's own
 * space): the last such point, so the line is as full as it can be. The
 * hyphen is a real one (U+002D), set in the face of the letter before it.
 */
export function hyphenSplit(word: Word, avail: number, breaks: readonly number[], o: Pick<WordOptions, 'size' | 'measure'>): [Word, Word] | undefined {
  for (let b = breaks.length - 1; b >= 0; b--) {
    const [head, tail] = cut(word.pieces, breaks[b]!);
    const first: Word = { ...makeWord(withHyphen(head), undefined, o), space: word.space, spaceFont: word.spaceFont, spaceLevel: word.spaceLevel, hyphenated: true, whole: word };
    if (word.space + first.width <= avail + 0.01) return [first, { ...makeWord(tail, undefined, o), whole: word }];
  }
  return undefined;
}

/** Pieces with a real hyphen (U+002D) drawn after them, in the face of the last and in its primary font. */
export function withHyphen(pieces: readonly (Omit<Piece, 'width'> & { width?: number })[]): Omit<Piece, 'width'>[] {
  const head = pieces.map(({ width: _, encoded: _e, ...p }) => p);
  const last = head[head.length - 1]!;
  const font = primaryFont(last.face);
  if (last.font === font) head[head.length - 1] = { ...last, text: `${last.text}-` };
  else head.push(last.level === undefined ? { face: last.face, font, text: '-' } : { face: last.face, font, text: '-', level: last.level });
  return head;
}

/** The pieces before and after a UTF-16 offset into the word's text. */
export function cut(pieces: readonly (Omit<Piece, 'width'> & { width?: number })[], at: number): [Omit<Piece, 'width'>[], Omit<Piece, 'width'>[]] {
  const head: Omit<Piece, 'width'>[] = [];
  const tail: Omit<Piece, 'width'>[] = [];
  let pos = 0;
  for (const { width: _, ...p } of pieces) {
    const end = pos + p.text.length;
    if (end <= at) head.push(p);
    else if (pos >= at) tail.push(p);
    else {
      head.push({ ...p, text: p.text.slice(0, at - pos) });
      tail.push({ ...p, text: p.text.slice(at - pos) });
    }
    pos = end;
  }
  return [head, tail];
}
