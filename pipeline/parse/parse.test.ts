import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { parseStory } from './index.js';
import { checkStoryMeta } from '../config/cascade.js';
import type { Story } from '../model.js';
import { plainText } from '../shared/inline.js';

const dir = join(import.meta.dirname, 'fixtures');

/** A story parsed from `text` as the file `file`, its messages going to `messages`. */
function parseText(text: string, file: string, messages = new Messages()): Story {
  return parseStory({ file, text, encoding: 'utf-8', sha256: '0'.repeat(64), bytes: text.length }, messages);
}

function parseFixture(name: string): { story: Story; messages: Messages } {
  const text = readFileSync(join(dir, name), 'utf8');
  const messages = new Messages();
  const story = parseText(text, name, messages);
  checkStoryMeta(story, messages);
  return { story, messages };
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(file: string, value: unknown): void {
  const json = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, json);
  expect(json).toBe(readFileSync(file, 'utf8'));
}

describe('parse: golden fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => /\.(?:txt|md)$/u.test(f))) {
    it(name, () => {
      const { story, messages } = parseFixture(name);
      const base = join(dir, name.replace(/\.(?:txt|md)$/u, ''));
      golden(`${base}.model.json`, story);
      golden(`${base}.messages.json`, messages.list);
    });
  }
});

const body = (s: Story) => s.chapters.flatMap((c) => c.blocks);
const texts = (s: Story) => body(s).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : b.kind));

describe('parse: what the fixtures must show', () => {
  it('reads header lines, a title and a by-line, and removes navigation', () => {
    const { story } = parseFixture('header-lines.txt');
    expect(story.meta.title).toBe('The Long Watch');
    expect(story.meta.authors).toEqual(['marigold_writes']);
    expect(story.meta.series).toEqual({ name: 'Lantern Keeper', position: 3, statement: 'Third part of the Lantern Keeper series.' });
    expect(story.front.map((n) => [n.kind, n.label])).toEqual([
      ['disclaimer', 'DISCLAIMER'],
      ['authorsNote', "AUTHOR'S NOTE"],
      ['rights', 'ARCHIVING'],
      ['series', 'SERIES'],
    ]);
    // A value that runs over two lines is one note.
    expect(plainText(story.front[1]!.blocks[0]!.inlines)).toMatch(/beta, who read it twice\.$/u);
    expect(story.removed.map((r) => [r.text, r.pos.line])).toEqual([
      ['Back to Stories Index', 23],
      ['Return to Main Page', 25],
    ]);
    expect(texts(story)).toEqual([
      expect.stringMatching(/^The lamp/u),
      expect.stringMatching(/^"Hand me/u),
      expect.stringMatching(/^Tomas grinned/u),
      'sceneBreak',
      expect.stringMatching(/^Morning came/u),
      'endMarker',
    ]);
  });

  it('reads notes before the title, a part line, end notes and a signature with a date', () => {
    const { story, messages } = parseFixture('notes-before-title.txt');
    expect(story.meta).toMatchObject({ title: 'Salt and Iron', subtitle: 'Part 2', authors: ['Quillfeather'], date: 'March 3, 2012' });
    expect(story.front.map((n) => n.kind)).toEqual(['authorsNote', 'disclaimer']);
    expect(story.end).toHaveLength(1);
    expect(story.end[0]!.label).toBe("Author's Notes");
    expect(story.end[0]!.blocks.map((p) => plainText(p.inlines))).toEqual(['I wanted to write something quieter this time.', 'Thank you for reading!']);
    expect(story.signature).toMatchObject({ name: 'Quillfeather', date: 'March 3, 2012' });
    expect(texts(story)).toContain('sceneBreak');
    expect(messages.list).toEqual([]);
  });

  it('shows an untitled story by its opening words, keeps its epigraph, and reports title and author missing', () => {
    const { story, messages } = parseFixture('untitled-epigraph.txt');
    expect(story.meta.title).toBeNull();
    expect(story.meta.displayTitle).toBe('The first flakes fell on the empty…');
    expect(story.meta.authors).toEqual([]);
    const ep = body(story)[0]!;
    expect(ep.kind).toBe('epigraph');
    if (ep.kind === 'epigraph') expect(plainText(ep.attribution!)).toBe('James Joyce');
    expect(story.front.map((n) => n.kind)).toEqual(['authorsNote']);
    expect(messages.list.map((d) => d.code)).toEqual(['meta/missing-title', 'meta/unknown-author']);
  });

  it('turns glyph lines into scene breaks and takes a lone first line as the title', () => {
    const { story } = parseFixture('glyph-breaks.txt');
    expect(story.meta.title).toBe('Under the Bridge');
    expect(body(story).filter((b) => b.kind === 'sceneBreak').map((b) => b.kind === 'sceneBreak' && b.glyph)).toEqual(['* * *', '~~~']);
    // "By June it was…" is a sentence, not a by-line.
    expect(story.meta.authors).toEqual([]);
  });

  it('reads Title:/Author: headers and unwraps hard-wrapped paragraphs', () => {
    const { story } = parseFixture('hard-wrapped.txt');
    expect(story.meta.title).toBe("The Clockmaker's Daughter");
    expect(story.meta.authors).toEqual(['R. Penhallow']);
    expect(texts(story)).toHaveLength(2);
    expect(texts(story)[0]).toContain('after her father had stopped coming');
  });
});

const details = (s: Story) => s.meta.details.map((d) => [d.key, d.value]);

describe('parse: header keys in other languages', () => {
  it('reads a Russian archive header: title, author, details, and the rights, summary, dedication and notes under their keys', () => {
    const { story, messages } = parseFixture('labels-russian.txt');
    expect(story.meta).toMatchObject({ title: 'Ночной дождь', authors: ['Иван Петров'] });
    expect(details(story)).toEqual([
      ['beta', 'Мария'],
      ['fandom', 'Ориджиналы'],
      ['relationship', 'Анна/Михаил'],
      ['rating', 'PG-13'],
      ['category', 'Драма, Романтика'],
      ['words', 'Мини, 1200 слов'],
      ['status', 'завершён'],
    ]);
    expect(story.meta.details.map((d) => d.label)).toContain('Пэйринг и персонажи');
    expect(story.front.map((n) => [n.kind, n.label, plainText(n.blocks[0]!.inlines)])).toEqual([
      ['rights', 'Публикация на других ресурсах', 'Запрещено'],
      ['summary', 'Описание', 'Короткая история о дожде и ожидании.'],
      ['note', 'Посвящение', 'Моей бабушке.'],
      ['authorsNote', 'Примечания автора', 'Спасибо всем, кто читает!'],
    ]);
    expect(texts(story)[0]).toBe('Дождь шёл всю ночь. Она сказала: «Пойдём домой».');
    // "Publication elsewhere: forbidden": a rights note, which asks for a recorded permission.
    expect(messages.list.map((m) => m.code)).toEqual(['rights/no-permission']);
  });

  it.each([
    ['Публикация на других ресурсах: Уточнять у автора/переводчика', true],
    ['Публикация на других ресурсах: Разрешено только с указанием автора и ссылки на оригинал', false],
    ['Droits : interdit de publier ailleurs', true],
    ['Rechte: Nur mit meiner Erlaubnis', true],
    ['Derechos: Prohibida su publicación en otros sitios', true],
    ['Direitos: Proibido postar em outro lugar', true],
    ['Diritti: vietato ripubblicare', true],
    ['Droits : publication libre', false],
  ])('a rights note in another language: %s restricts archiving: %s', (line, restricts) => {
    const text = `Title: T\nAuthor: A\n${line}\n\nThe story.\n`;
    const messages = new Messages();
    const story = parseText(text, 'r.txt', messages);
    checkStoryMeta(story, messages);
    expect(story.front.map((n) => n.kind)).toEqual(['rights']);
    expect(messages.list.some((m) => m.code === 'rights/no-permission')).toBe(restricts);
  });

  it.each([
    ['labels-french.txt', 'La lampe', 'Claire Dubois', 'Résumé', 'La lampe brûlait doucement. Marie attendait près de la fenêtre.'],
    ['labels-german.txt', 'Die Lampe', 'Anna Schmidt', 'Kurzbeschreibung', 'Die Lampe brannte leise. Anna wartete am Fenster.'],
  ])('reads %s: title, author and summary (French sets a space before the colon)', (file, title, author, summary, first) => {
    const { story } = parseFixture(file);
    expect(story.meta).toMatchObject({ title, authors: [author] });
    expect(story.front.find((n) => n.kind === 'summary')?.label).toBe(summary);
    expect(texts(story)[0]).toBe(first);
  });

  it.each([
    ['Ночной дождь\nАвтор: Иван Петров', 'Ночной дождь', 'Иван Петров'],
    ['La lampe\npar Claire Dubois', 'La lampe', 'Claire Dubois'],
    ['La lampe\nAuteure : Claire Dubois', 'La lampe', 'Claire Dubois'],
    ['Die Lampe\nvon Anna Schmidt', 'Die Lampe', 'Anna Schmidt'],
    ['La lámpara\npor María López', 'La lámpara', 'María López'],
    ['La lampada\ndi Giulia Rossi', 'La lampada', 'Giulia Rossi'],
  ])('reads a title over a by-line in another language: %j', (head, title, author) => {
    const text = `${head}\n\nThe story begins here, and goes on.\n`;
    const story = parseText(text, 'b.txt');
    expect(story.meta).toMatchObject({ title, authors: [author] });
    expect(texts(story)).toEqual(['The story begins here, and goes on.']);
  });

  it.each(['Von Anfang an war alles klar.', 'Por favor, no te vayas.', 'Di notte la città dorme.', 'Par exemple, la lampe.'])('keeps a sentence that opens with a by-line word as story text: %s', (line) => {
    const text = `Title: T\nAuthor: A\n\n${line}\n`;
    const story = parseText(text, 'b.txt');
    expect(story.meta.authors).toEqual(['A']);
    expect(texts(story)).toEqual([line]);
  });

  it('reads the end of a Russian story: its end marker, and its author\'s notes under their heading', () => {
    const text = 'Title: T\nAuthor: A\n\nДождь шёл всю ночь.\n\nКонец\n\nПримечания автора:\n\nСпасибо, что дочитали!\n';
    const story = parseText(text, 'e.txt');
    expect(body(story).map((b) => b.kind)).toEqual(['paragraph', 'endMarker']);
    expect(story.end.map((n) => [n.kind, plainText(n.blocks[0]!.inlines)])).toEqual([['authorsNote', 'Спасибо, что дочитали!']]);
  });

  it('leaves a line of dialogue with a colon in the story, as before', () => {
    const text = 'Он сказал: «Нет».\n\nИ ушёл.\n';
    const story = parseText(text, 'd.txt');
    expect(texts(story)[0]).toBe('Он сказал: «Нет».');
    expect(story.meta.details).toEqual([]);
  });
});

const chapterHeadings = (s: Story) => s.chapters.map((c) => (c.heading ? plainText(c.heading) : null));

describe('parse: archive downloads, chapters and paragraph shapes', () => {
  it('reads an archive download preface: title, source line, indented tag values, summary, notes, chapters, end notes', () => {
    const { story, messages } = parseFixture('archive-download.txt');
    expect(story.meta).toMatchObject({ title: 'Lanterns in the Fog', authors: ['saltwater_ink'] });
    expect(details(story)).toEqual([
      ['source', 'Posted originally on the Archive of Our Own at https://archive.example/works/48213.'],
      ['rating', 'Teen And Up Audiences'],
      ['warnings', 'No Archive Warnings Apply'],
      ['fandom', 'Harbour Town Chronicles'],
      ['relationship', 'Elin/Tomas'],
      ['characters', 'Elin, Tomas, The Harbourmaster'],
      ['tags', 'Fluff, Fog, Lighthouses'],
      ['language', 'English'],
      ['other', 'Published: 2019-03-02 Completed: 2019-04-11 Chapters: 2/2 Words: 312'],
    ]);
    expect(story.front.map((n) => [n.kind, n.label])).toEqual([['summary', 'Summary'], ['authorsNote', 'Notes']]);
    expect(chapterHeadings(story)).toEqual(['Chapter 1: The Fog', 'Chapter 2: The Light']);
    expect(story.end.map((n) => n.label)).toEqual(['End Notes']);
    // The title the preface repeats is listed as removed, not left in the text.
    expect(story.removed).toMatchObject([{ text: 'Lanterns in the Fog', reason: 'repeated title', pos: { line: 1 } }]);
    expect(texts(story).join('\n')).not.toMatch(/Rating|Summary|Lanterns/u);
    expect(messages.list.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('splits chapters at Prologue, "Chapter One: …" and Epilogue, keeping end markers and in-text notes', () => {
    const { story } = parseFixture('multi-chapter.txt');
    expect(chapterHeadings(story)).toEqual(['Prologue', 'Chapter One: The Ink', 'Chapter Two: The Border', 'Epilogue']);
    expect(story.chapters[1]!.blocks.at(-1)).toMatchObject({ kind: 'endMarker', text: 'TBC' });
    expect(story.chapters[2]!.blocks.map((b) => b.kind)).toEqual(['paragraph', 'authorNote', 'paragraph']);
    expect(story.chapters[2]!.blocks[1]).toMatchObject({ label: 'A/N', inlines: [{ text: 'Sorry for the long wait, real life got in the way!' }] });
    expect(story.chapters[3]!.blocks.at(-1)).toMatchObject({ kind: 'endMarker', text: 'Fin' });
    expect(story.end).toEqual([]);
  });

  it('reads one paragraph a line with indents and no blank lines, joining a wrapped continuation', () => {
    const { story } = parseFixture('indented-no-blank.txt');
    expect(story.meta).toMatchObject({ title: 'Tin Soldiers', authors: ['K. Abernathy'] });
    expect(texts(story)).toHaveLength(4);
    expect(texts(story)[2]).toBe('The boy did not think it was the draught. He thought the soldiers were tired, and he said so, and nobody listened.');
  });

  it('unwraps hard-wrapped lines, ending a paragraph at a short line that ends a sentence', () => {
    const { story } = parseFixture('hard-wrapped-lines.txt');
    expect(story.meta).toMatchObject({ title: 'A Letter Never Sent', authors: ['J. Tremaine'] });
    expect(texts(story)).toHaveLength(3);
    expect(texts(story)[0]).toMatch(/^Dear Anna, .* that I am sorry\.$/u);
    expect(texts(story)[1]).toMatch(/^I am not good at sorry\. .* never understood\.$/u);
  });

  it('reads "Title by Author", header details, a summary running over two lines and a bracketed A/N', () => {
    const { story } = parseFixture('title-by-author.txt');
    expect(story.meta).toMatchObject({ title: 'The Glass Orchard', authors: ['Wren Hollis'] });
    expect(details(story)).toEqual([['rating', 'T'], ['relationship', 'Ivy/Rowan'], ['words', '240']]);
    expect(plainText(story.front[0]!.blocks[0]!.inlines)).toBe('Two sisters, one orchard, and a frost that comes too early. Nobody expects the trees to survive.');
    expect(body(story).map((b) => b.kind)).toEqual(['paragraph', 'authorNote', 'paragraph', 'sceneBreak', 'paragraph']);
  });

  it('reads notes before the title, keeps "To be continued…" as an end marker and what follows as end notes', () => {
    const { story } = parseFixture('ffnet-style.txt');
    expect(story.front.map((n) => [n.kind, n.label])).toEqual([['disclaimer', 'Disclaimer'], ['authorsNote', 'A/N']]);
    expect(body(story).at(-1)).toMatchObject({ kind: 'endMarker', text: 'To be continued...' });
    expect(story.end.flatMap((n) => n.blocks.map((p) => plainText(p.inlines)))).toEqual(['Please review!']);
    expect(story.removed.map((r) => r.text)).toEqual(['Back to Story Index']);
    expect(body(story).filter((b) => b.kind === 'sceneBreak')).toMatchObject([{ glyph: 'xXx' }]);
  });
});

describe('parse: e-mail addresses beside an author\'s name', () => {
  const parse = (text: string, file = 'mail.txt') => parseText(text, file);

  it.each([
    ['Title: The Lamp\nAuthor: Ann Lee & Bo Kerr <ann@example.org>\n\nThe lamp burned all night.\n', ['Ann Lee', 'Bo Kerr'], ['<ann@example.org>'], 2],
    ['The Lamp\nBy Ann Lee (ann@example.org)\n\nThe lamp burned all night.\n', ['Ann Lee'], ['(ann@example.org)'], 2],
    ['Title: The Lamp\nAuthor: Ann Lee, ann@example.org\n\nThe lamp burned all night.\n', ['Ann Lee'], ['ann@example.org'], 2],
    ['Title: The Lamp\nAuthors: Ann Lee <mailto:ann@example.org> and Bo Kerr [bo@example.net]\n\nThe lamp burned all night.\n', ['Ann Lee', 'Bo Kerr'], ['<mailto:ann@example.org>', '[bo@example.net]'], 2],
  ])('%j: the names without the address, the address listed as removed at its line', (text, authors, addresses, line) => {
    const story = parse(text);
    // "Bo Kerr <ann@example.org>" was the second author: the EPUB's dc:creator, filed as such, and the PDF's Author.
    expect(story.meta.authors).toEqual(authors);
    expect(story.removed.map((r) => [r.text, r.reason, r.pos.file, r.pos.line])).toEqual(addresses.map((a) => [a, 'e-mail address beside an author\'s name', 'mail.txt', line]));
  });

  it('keeps an address that is all the story says of its author, and leaves one in the story text alone', () => {
    const story = parse('Title: The Lamp\nAuthor: ann@example.org\n\nWrite to bo@example.net, she said.\n');
    expect(story.meta.authors).toEqual(['ann@example.org']);
    expect(story.removed).toEqual([]);
    const p = story.chapters[0]!.blocks[0]!;
    expect(p.kind === 'paragraph' && plainText(p.inlines)).toBe('Write to bo@example.net, she said.');
  });

  it.each([
    ['The Lamp\nBy Ann Lee (annlee.example.org)\n\nThe lamp burned all night.\n', ['Ann Lee'], ['(annlee.example.org)']],
    ['Title: The Lamp\nAuthor: Ann Lee, https://annlee.example.net/stories\n\nThe lamp burned all night.\n', ['Ann Lee'], ['https://annlee.example.net/stories']],
    ['Title: The Lamp\nAuthors: Ann Lee <www.annlee.example.com> and Bo Kerr\n\nThe lamp burned all night.\n', ['Ann Lee', 'Bo Kerr'], ['<www.annlee.example.com>']],
    // No dot in it at all: the scheme's colon still marks it as an address.
    ['Title: The Lamp\nAuthor: Ann Lee, http://localhost/ann\n\nThe lamp burned all night.\n', ['Ann Lee'], ['http://localhost/ann']],
  ])('%j: a web address is taken out as an e-mail address is, and listed as removed', (text, authors, addresses) => {
    const story = parse(text);
    expect(story.meta.authors).toEqual(authors);
    expect(story.removed.map((r) => [r.text, r.reason, r.pos.line])).toEqual(addresses.map((a) => [a, 'web address beside an author\'s name', 2]));
  });

  it('leaves a dotted handle a name', () => {
    const story = parse('Title: The Lamp\nAuthors: dr.who & A.B.Wren\n\nThe lamp burned all night.\n');
    expect([story.meta.authors, story.removed]).toEqual([['dr.who', 'A.B.Wren'], []]);
  });

  it('takes an address out of a front-matter author too', () => {
    const story = parse('---\ntitle: The Lamp\nauthors: [Ann Lee <ann@example.org>, Bo Kerr]\n---\n\nThe lamp burned all night.\n', 'mail.md');
    expect(story.meta.authors).toEqual(['Ann Lee', 'Bo Kerr']);
    expect(story.removed.map((r) => [r.text, r.pos.line])).toEqual([['<ann@example.org>', 3]]);
  });
});

describe('parse: an address in a closing signature', () => {
  const parse = (text: string) => parseText(text, 'signed.txt');
  const story = (sig: string) => parse(`Low Tide\n\nThe water went out past the rocks and did not come back all day.\n\nGulls walked on the wet sand.\n\n${sig}\n`);

  it.each([
    ['~ Kit (kit@example.com)', 'Kit'],
    ['- Kit <kit@example.com>', 'Kit'],
    ['-- Wren Adair [wren@example.net]', 'Wren Adair'],
    ['-- Kit, kit@example.com', 'Kit'],
    ['-- Marta, marta.example.org', 'Marta'],
    ['-- Marta Quill (https://martaquill.example.net/fics)', 'Marta Quill'],
    ['— Marta www.marta.example.org', 'Marta'],
  ])('%j: the author is the name alone, the signature is shown as signed', (sig, author) => {
    const s = story(sig);
    expect(s.meta.authors).toEqual([author]);
    expect(s.signature?.name).toBe(sig.replace(/^[-~—]+\s*/u, ''));
    // Shown whole as the signature, nothing of it is removed or left in the story text.
    expect(s.removed).toEqual([]);
    expect(s.chapters.flatMap((c) => c.blocks).map((b) => b.kind === 'paragraph' ? plainText(b.inlines) : b.kind)).toEqual(['The water went out past the rocks and did not come back all day.', 'Gulls walked on the wet sand.']);
  });

  it('keeps a signature of an address alone as the author, as a header\'s, and a phrase with an address is still no signature', () => {
    expect(story('-- kit@example.com').meta.authors).toEqual(['kit@example.com']);
    const s = story('- reviews are love, kit@example.com');
    expect([s.meta.authors, s.signature]).toEqual([[], undefined]);
  });
});

describe('parse: Markdown', () => {
  it('reads YAML front matter as header fields, *emphasis* and **strong**, ## headings as chapters', () => {
    const { story, messages } = parseFixture('markdown-front-matter.md');
    expect(story.meta).toMatchObject({ title: 'Paper Boats', authors: ['Ines Okafor', 'Theo Lund'] });
    expect(details(story)).toEqual([['rating', 'General'], ['tags', 'rain, friendship']]);
    expect(story.front.map((n) => [n.kind, plainText(n.blocks[0]!.inlines)])).toEqual([['summary', 'Two children, one gutter, and a rainy afternoon.']]);
    expect(chapterHeadings(story)).toEqual([null, 'The Race']);
    expect(story.chapters[0]!.blocks[0]).toMatchObject({ inlines: [{ text: 'The rain started after lunch, and ' }, { kind: 'em', children: [{ text: 'nobody' }] }, { text: ' was allowed outside.' }] });
    // A block's lines are one paragraph in Markdown, whatever their lengths.
    expect(story.chapters[0]!.blocks).toHaveLength(2);
    expect(story.removed).toMatchObject([{ text: '***', reason: 'scene break with no text after it' }]);
    expect(story.chapters[1]!.blocks[1]).toMatchObject({ inlines: expect.arrayContaining([{ kind: 'strong', children: [{ kind: 'text', text: 'balance' }] }]) });
    expect(messages.list.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('takes the first # heading as the title, later ones as chapters, and keeps escaped markers literal', () => {
    const { story } = parseFixture('markdown-headings.md');
    expect(story.meta).toMatchObject({ title: 'The Night Ferry', authors: ['Saoirse Delaney'] });
    expect(story.front.map((n) => n.kind)).toEqual(['disclaimer']);
    expect(chapterHeadings(story)).toEqual(['Chapter 1', 'Chapter 2: Crossing']);
    const p = story.chapters[1]!.blocks[0]!;
    expect(p.kind === 'paragraph' && plainText(p.inlines)).toBe('Halfway across, the engines stopped. The silence was enormous *truly* enormous.');
  });
});

describe('parse: Markdown front matter as written', () => {
  const parseMd = (text: string) => {
    const messages = new Messages();
    const story = parseText(text, 'fm.md', messages);
    return { story, messages };
  };

  it('keeps numbers, booleans and null as written, and a nested mapping as a readable detail, each at its line', () => {
    const { story, messages } = parseMd('---\ntitle: 007\nauthor: 1e3\nseries: 1.10\nsummary: 0x1F\nrating: .inf\ndraft: true\nx: ~\nextra:\n  nested: zebrafrontmatter\n---\nBody text here.\n');
    expect(story.meta).toMatchObject({ title: '007', authors: ['1e3'], series: { statement: '1.10' } });
    expect(story.meta.provenance).toMatchObject({ title: { file: 'fm.md', line: 2 }, authors: { file: 'fm.md', line: 3 }, series: { file: 'fm.md', line: 4 } });
    expect(story.front.filter((n) => n.kind === 'summary').map((n) => [plainText(n.blocks[0]!.inlines), n.pos.line])).toEqual([['0x1F', 5]]);
    expect(story.meta.details.map((d) => [d.key, d.label, d.value, d.pos.line])).toEqual([
      ['rating', 'Rating', '.inf', 6], ['other', 'Draft', 'true', 7], ['other', 'X', '~', 8], ['other', 'Extra', 'nested: zebrafrontmatter', 9],
    ]);
    expect(messages.list.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('credits every author of a list or of a key given twice, and keeps both summaries and a second title, with a warning at the repeated key', () => {
    const { story, messages } = parseMd('---\ntitle: First\nauthor: Ann Firstauthor\nsummary: One summary.\nauthor: Bob Secondauthor\nsummary: Another summary.\ntitle: Second\nauthors: ["Lee, Sam", Ann Firstauthor]\n---\nBody text here.\n');
    expect(story.meta).toMatchObject({ title: 'First', authors: ['Ann Firstauthor', 'Bob Secondauthor', 'Lee, Sam'] });
    expect(story.front.map((n) => [n.kind, n.label, plainText(n.blocks[0]!.inlines), n.pos.line])).toEqual([
      ['summary', 'Summary', 'One summary.', 4], ['summary', 'Summary', 'Another summary.', 6], ['note', 'Title', 'Second', 7],
    ]);
    const dup = messages.list.filter((d) => d.code === 'input/front-matter-duplicate');
    expect(dup.map((d) => [d.severity, d.line, d.column])).toEqual([['warning', 5, 1], ['warning', 6, 1], ['warning', 7, 1]]);
    expect(dup[0]!.message).toContain('"author"');
    expect(dup[0]!.message).toContain('line 3');
  });
});

describe('parse: more archive and signature shapes', () => {
  it('reads a second archive download: two authors, a series field, chapter notes kept as notes', () => {
    const { story } = parseFixture('archive-download-2.txt');
    expect(story.meta).toMatchObject({ title: 'Small Hours', authors: ['owl_at_midnight', 'quietfox'], series: { name: 'Night Shift Vignettes', position: 2 } });
    expect(story.chapters[0]!.blocks[0]).toMatchObject({ kind: 'authorNote', label: 'Chapter Notes', inlines: [{ text: 'This was a prompt fill.' }] });
    expect(story.end.map((n) => n.label)).toEqual(['End Notes']);
  });

  it('reads an "Author:" line, an "Author\'s Note:" at the end and a "~ Name" signature with a day-month-year date', () => {
    const { story } = parseFixture('signature-variants.txt');
    expect(story.meta).toMatchObject({ title: 'Winter Orchard', authors: ['Hollis Grey'], date: '14 February 2011' });
    expect(story.end).toMatchObject([{ label: "Author's Note", blocks: [{ inlines: [{ text: 'This was written on the train home, so forgive any errors.' }] }] }]);
    expect(story.signature).toMatchObject({ name: 'Hollis', date: '14 February 2011' });
  });
});

describe('parse: second examples of each shape', () => {
  it('an epigraph with its attribution on the next line', () => {
    const { story } = parseFixture('epigraph-two-lines.txt');
    const ep = body(story)[0]!;
    expect(ep.kind === 'epigraph' && [ep.lines.length, plainText(ep.attribution!)]).toEqual([1, 'Oscar Wilde']);
    expect(story.meta).toMatchObject({ title: 'The Weight of Water', authors: ['Marisol Vega'] });
  });

  it('a two-line epigraph after a labelled note, in an untitled story', () => {
    const { story } = parseFixture('epigraph-block.txt');
    const ep = body(story)[0]!;
    expect(ep.kind === 'epigraph' && [ep.lines.map((p) => plainText(p.inlines)), plainText(ep.attribution!)]).toEqual([
      ['"Not all those who wander are lost;', 'the old that is strong does not wither."'],
      'J.R.R. Tolkien',
    ]);
    expect(story.front.map((n) => [n.kind, n.label])).toEqual([['authorsNote', "Author's note"]]);
    expect(story.meta.title).toBeNull();
  });

  it('"Title by Author" with a non-Latin name, detail fields and an upper-case end marker', () => {
    const { story } = parseFixture('title-by-author-2.txt');
    expect(story.meta).toMatchObject({ title: 'Ghosts of the Lighthouse', authors: ['Teodor Nyström'] });
    expect(details(story)).toEqual([['warnings', 'mild peril'], ['words', '95']]);
    expect(body(story).at(-1)).toMatchObject({ kind: 'endMarker', text: 'THE END' });
  });

  it('indented dialogue, one paragraph a line, right under the by-line', () => {
    const { story } = parseFixture('indented-dialogue.txt');
    expect(story.meta).toMatchObject({ title: 'Small Talk', authors: ['Jun Okada'] });
    expect(texts(story)).toEqual([
      '"Cold today," said the man at the bus stop.',
      '"Colder tomorrow," said the woman beside him.',
      expect.stringMatching(/^They did not speak again/u),
    ]);
  });
});

describe('a story hard-wrapped without a blank line', () => {
  it('parses as one block of 200,000 lines, every word kept (its widest line was found by spreading them as arguments, which overflowed the call stack)', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i} of a story hard wrapped without a blank line`);
    const text = ['A Wrapped Story', 'By Someone', '', ...lines].join('\n');
    const messages = new Messages();
    const story = parseStory({ file: 'w.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages);
    const words = story.chapters.flatMap((c) => c.blocks).map((b) => (b.kind === 'paragraph' ? plainText(b.inlines) : '')).join(' ');
    expect(words.split(/\s+/u).filter(Boolean)).toHaveLength(200_000 * 11);
    expect(words).toContain('line 199999 of a story');
  });
});
