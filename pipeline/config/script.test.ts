import { describe, expect, it } from 'vitest';
import { Messages } from '../diagnostics/index.js';
import { parseStory } from '../parse/index.js';
import { applyStoryEntry, checkStoryMeta } from './cascade.js';
import { configSchema } from './schema.js';
import type { StoryEntry } from './index.js';

const RUSSIAN = 'Дождь шёл всю ночь. Она сказала, что пойдёт домой, но так и не ушла. Никто не спал, и только старый кот сидел у окна и смотрел на пустую улицу, где горел один фонарь.';
const ENGLISH = 'The rain fell all night. She said she would go home, but she never left. Nobody slept, and only the old cat sat by the window, watching the empty street where one lamp burned.';
const JAPANESE = '雨は一晩中降っていた。彼女は家に帰ると言ったが、結局帰らなかった。誰も眠れず、年老いた猫だけが窓辺に座って、街灯がひとつだけ灯る誰もいない通りを見ていた。'.repeat(2);

function check(body: string, language: string, entry?: StoryEntry): { language: string; codes: string[] } {
  const text = `Title: Rain\nAuthor: A. Writer\n\n${body}\n\n${body}\n`;
  const messages = new Messages();
  const story = applyStoryEntry(parseStory({ file: 'r.txt', text, encoding: 'utf-8', sha256: '', bytes: text.length }, messages, language), entry);
  checkStoryMeta(story, messages);
  return { language: story.meta.language, codes: messages.list.map((m) => m.code) };
}

describe("a story's language and its script", () => {
  it('says so when the text is plainly in another script than its language, and never changes the language', () => {
    expect(check(RUSSIAN, 'en')).toEqual({ language: 'en', codes: ['meta/language-script'] });
    expect(check(JAPANESE, 'en-GB').codes).toEqual(['meta/language-script']);
  });

  it('is quiet when they agree, or the text is mixed, or too short to tell', () => {
    expect(check(RUSSIAN, 'ru').codes).toEqual([]);
    expect(check(ENGLISH, 'en').codes).toEqual([]);
    expect(check(JAPANESE, 'ja').codes).toEqual([]);
    expect(check(`${ENGLISH} ${RUSSIAN}`, 'en').codes).toEqual([]);
    expect(check('Он сказал: «Нет».', 'en').codes).toEqual([]);
    // A language the check does not know the script of.
    expect(check(RUSSIAN, 'sr').codes).toEqual([]);
  });

  it("takes the story's own Language: line, in its own words, which then agrees", () => {
    for (const name of ['Русский', 'русский язык', 'ru']) expect(check(`Language: ${name}\n\n${RUSSIAN}`, 'en')).toEqual({ language: 'ru', codes: [] });
    expect(check(`Language: Українська\n\n${RUSSIAN}`, 'en').language).toBe('uk');
  });

  it("takes the editor's language for a story from anthology.yaml, which then agrees", () => {
    expect(check(RUSSIAN, 'en', { file: 'r.txt', language: 'ru' })).toEqual({ language: 'ru', codes: [] });
  });

  it('takes a story entry’s language only as a BCP 47 tag', () => {
    expect(configSchema.safeParse({ stories: [{ file: 'r.txt', language: 'ru-RU' }] }).success).toBe(true);
    expect(configSchema.safeParse({ stories: [{ file: 'r.txt', language: 'Russian' }] }).success).toBe(false);
  });
});
