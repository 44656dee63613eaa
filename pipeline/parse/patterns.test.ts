import { describe, expect, it } from 'vitest';
import { byLine, inlineAuthorNote, isNameLike, isChapterHeading, isDateLine, isEndMarker, isGlyphBreak, isNavigationLine, isPartLine, isTitleLike, languageTag, parseSeries, signatureName, splitAuthors, titleByAuthor } from './patterns.js';

// One line in, one answer out: the recognisers the parser is built from.
describe('line recognisers', () => {
  it.each([
    ['By zara_q', 'zara_q'],
    ['by A. Writer and B. Writer', 'A. Writer and B. Writer'],
    ['Written by: Someone', 'Someone'],
    ['Author: J. Tremaine', 'J. Tremaine'],
    ['By June it was a trickle and the children walked across it.', null],
    ['By the time she arrived, everyone had gone', null],
    ['By the river', null],
    ['By John Smith, Jr', 'John Smith, Jr'],
    ['By John Smith, Jr.', 'John Smith, Jr.'],
    ['By evening the wells were dry.', null],
    ['By evening the wells were dry', null],
    ['By P V', 'P V'],
    ['By pennywhistle', 'pennywhistle'],
    ['*by Ada Quill*', 'Ada Quill'],
    ['_By Ada Quill and Bo Li_', 'Ada Quill and Bo Li'],
    ['**By:** Ada Quill', 'Ada Quill'],
    ['*Author:* Ada Quill', 'Ada Quill'],
    ['*By the river*', null],
    ['*by Ada Quill', null],
  ])('byLine(%j) = %j', (s, want) => expect(byLine(s)).toBe(want));

  it.each(['Pt. II', 'Part 2', 'Part Two', 'pt 3', 'Part IV.'])('part line: %s', (s) => expect(isPartLine(s)).toBe(true));
  it.each(['Part of me', 'Party', 'Pt. of no return'])('not a part line: %s', (s) => expect(isPartLine(s)).toBe(false));

  it.each(['Chapter 1', 'Chapter Two: The Road', 'CHAPTER XII', 'Ch. 3 - Home', 'Part III', 'Prologue', 'Epilogue: Years Later', 'Chapter 21'])('chapter heading: %s', (s) => expect(isChapterHeading(s)).toBe(true));
  it.each(['Chapter 11', 'Chapter 11: The Log', 'Book Two', 'Part 3 - Return', 'Book two', 'Chapter 4 The Return'])('short chapter heading: %s', (s) => expect(isChapterHeading(s)).toBe(true));
  it.each(['Chapter and verse were quoted at him.', 'Part of me wanted to stay', 'The prologue was long.', 'Book two was even better than the first one.', 'Chapter 11 of the logbook was missing entirely, torn out at the binding.', 'Part I wanted most was the ending'])('not a chapter heading: %s', (s) => expect(isChapterHeading(s)).toBe(false));

  // Every heading word, in any case and after white space: lines are refused early on their opening word.
  it.each(['chapter 1', 'ch. 2', 'CH 3', 'part 4', 'pt. 5', 'book 6', 'volume 7', 'VOL. 8', 'prologue', '  EPILOGUE', 'interlude', 'Afterword', 'coda'])('each heading word: %s', (s) => expect(isChapterHeading(s)).toBe(true));
  it.each(['Глава 1', 'ГЛАВА 2. Дождь', 'Часть III', 'Розділ 4', 'Пролог', 'Эпилог', 'Chapitre 5', 'Partie 2 : Le retour', 'Épilogue', 'Kapitel 1', 'Teil IV', 'Prolog', 'Capítulo 7', 'Capitulo 8', 'Prólogo', 'Epílogo', 'Capitolo 9', 'Livro 2'])('each heading word in another language: %s', (s) => expect(isChapterHeading(s)).toBe(true));
  it.each(['Section 2', '1. Chapter One', '“Chapter 1”', 'Глава 2 была короче первой', 'Kapitel 3 habe ich nie gelesen', 'Главная мысль'])('not a heading word: %s', (s) => expect(isChapterHeading(s)).toBe(false));

  it.each(['* * *', '***', '~~~', '---', '#', 'oOo', 'xXx', '-x-', '~*~*~'])('glyph break: %s', (s) => expect(isGlyphBreak(s)).toBe(true));
  it.each(['-o-o-', '-x-x-', '~o~', '+++', 'o-o-o', '~*~o~*~', '-oOo-'])('decorative glyph break: %s', (s) => expect(isGlyphBreak(s)).toBe(true));
  it.each(['-', 'x marks the spot', '"***"', 'o', 'Oo', 'ox', '-ox-', 'oh-oh'])('not a glyph break: %s', (s) => expect(isGlyphBreak(s)).toBe(false));

  it.each(['The End', 'THE END', 'Fin', 'TBC', 'To be continued...', '~ The End ~'])('end marker: %s', (s) => expect(isEndMarker(s)).toBe(true));
  it.each(['Конец', '~ КОНЕЦ ~', 'Продолжение следует…', 'Ende', 'À suivre...', 'Fortsetzung folgt', 'Continuará', 'Continuerà'])('end marker in another language: %s', (s) => expect(isEndMarker(s)).toBe(true));
  it.each(['The end of the road was near.', 'Finally', 'Fine.', 'Конец был близок.'])('not an end marker: %s', (s) => expect(isEndMarker(s)).toBe(false));

  it.each(['Return to Main Page', 'Back to Stories Index', 'Next Chapter >>', 'Return to The Fiction Archive'])('navigation: %s', (s) => expect(isNavigationLine(s)).toBe(true));
  it.each(['Back to index', 'Review this story', '<< Previous chapter', 'Return to Story Page', 'Back to top', 'Go to the home page', 'Back to the story list', 'Return to Reviews'])('navigation: %s', (s) => expect(isNavigationLine(s)).toBe(true));
  it.each(['Return to sender, she thought.', 'Back to the house they went', 'Home', 'Back to Hogwarts', 'Return to Sender', 'Go to the window', 'Back to the Future'])('not navigation: %s', (s) => expect(isNavigationLine(s)).toBe(false));

  it.each([
    ['– A. Writer', 'A. Writer'],
    ['—Quill', 'Quill'],
    ['- someone_42', 'someone_42'],
    ['– and then she left.', null],
    ['-- and then nothing', null],
    ['- Reviews are love', null],
    ['- Chapter 2 coming soon', null],
    ['- Jane', 'Jane'],
    ['– Fin', null],
  ])('signatureName(%j) = %j', (s, want) => expect(signatureName(s)).toBe(want));

  it.each(['February 14, 2011', '14 February 2011', '2011-02-14', '2/14/2011', 'Feb. 3rd, 1999', 'March 2019', 'Sept. 2020', 'May, 2018'])('date: %s', (s) => expect(isDateLine(s)).toBe(true));
  it.each(['March on', 'May 20', 'Marching 2019', '2019'])('not a date: %s', (s) => expect(isDateLine(s)).toBe(false));

  it.each(['The Long Watch', 'Winter Redux', '1984 Again'])('title-like: %s', (s) => expect(isTitleLike(s)).toBe(true));
  it.each(['"Hello," she said.', 'It was late.', 'a lowercase start'])('not title-like: %s', (s) => expect(isTitleLike(s)).toBe(false));

  it('reads "Title by Author" only when both parts look right', () => {
    expect(titleByAuthor('The Glass Orchard by Wren Hollis')).toEqual({ title: 'The Glass Orchard', names: 'Wren Hollis' });
    expect(titleByAuthor('She was hit by a car that never stopped.')).toBeNull();
    expect(titleByAuthor('Stand by Me')).toBeNull();
    expect(titleByAuthor('Saved by the Bell')).toBeNull();
    expect(titleByAuthor('Bound by Blood')).toBeNull();
    expect(titleByAuthor('Kissed by fire')).toBeNull();
    expect(titleByAuthor('Stand by Me by Ann Lee')).toEqual({ title: 'Stand by Me', names: 'Ann Lee' });
    expect(titleByAuthor('The Long Watch by marigold_writes')).toEqual({ title: 'The Long Watch', names: 'marigold_writes' });
    expect(titleByAuthor('Night Shift by xXRavenXx')).toEqual({ title: 'Night Shift', names: 'xXRavenXx' });
    expect(titleByAuthor('Midnight at Harrow Lane by Constance Abernathy')).toEqual({ title: 'Midnight at Harrow Lane', names: 'Constance Abernathy' });
  });

  it.each(['Ann Lee', 'A. Writer', 'pennywhistle', 'owl_at_midnight', 'Teodor Nyström', 'Jan van der Berg', 'Ink4Days', 'J.R.R. Tolkien', 'John Smith, Jr'])('name-like: %s', (s) => expect(isNameLike(s)).toBe(true));
  it.each(['Me', 'the Bell', 'the river', 'and then nothing', 'Reviews are love', 'Chapter 2 coming soon', 'you', 'Him', 'my love'])('not name-like: %s', (s) => expect(isNameLike(s)).toBe(false));

  it.each([
    ['John Smith, Jr', ['John Smith, Jr']],
    ['A. Writer, B. Writer', ['A. Writer', 'B. Writer']],
    ['Ann Lee and Bo Kim, PhD', ['Ann Lee', 'Bo Kim, PhD']],
    ['Carl Sagan III & Jo', ['Carl Sagan III', 'Jo']],
  ])('splitAuthors(%j)', (s, want) => expect(splitAuthors(s)).toEqual(want));

  it.each([
    ['Sixth part of the Mixed Feelings series.', { name: 'Mixed Feelings', position: 6 }],
    ['Part 3 of Harbour Lights', { name: 'Harbour Lights', position: 3 }],
    ['Harbour Lights, part 2', { name: 'Harbour Lights', position: 2 }],
    ['The Lantern series', { name: 'Lantern' }],
  ])('parseSeries(%j)', (s, want) => expect(parseSeries(s)).toEqual(want));

  it.each([
    ['A/N: Sorry for the wait!', { label: 'A/N', text: 'Sorry for the wait!' }],
    ["(Author's note: based on a true story.)", { label: "Author's note", text: 'based on a true story.' }],
    ['AN: quick one', { label: 'AN', text: 'quick one' }],
    ['an: not a note', null],
  ])('inlineAuthorNote(%j)', (s, want) => expect(inlineAuthorNote(s)).toEqual(want));

  it.each([
    ['English', 'en'],
    ['Deutsch', 'de'],
    ['pt-BR', 'pt-BR'],
    ['Klingon', null],
  ])('languageTag(%j) = %j', (s, want) => expect(languageTag(s)).toBe(want));
});
