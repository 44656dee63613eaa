/**
 * Inputs of the robustness suite, made in code (nothing large is committed).
 */

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const concat = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : [...p])));

/** A small, ordinary story with a unique marker word. */
export const story = (title: string, marker: string, author = 'Test Author'): string =>
  `${title}\nBy ${author}\n\nThe lamp burned over the harbour all night, ${marker}.\n\nShe counted the ships and went home.\n`;

/** The first bytes of a real PNG (signature, IHDR) and of a ZIP (local file header). */
export const PNG_BYTES = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
export const ZIP_BYTES = concat([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0], 'a.txt', [0x4b, 0x4c, 0x4a, 0x06, 0, 0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/** Text that looks like markup, entities and URLs: it must reach the book as text. */
export const HOSTILE_LINES = [
  '<script>alert(1)</script> and Tom & Jerry & co',
  'a CDATA end ]]> and a comment start <!-- here',
  '<img src="file:///etc/passwd"> and <img src=http://127.0.0.1:9/x.png> and <a href="javascript:alert(2)">click</a>',
  '&amp; &lt;b&gt; &#x41; &#65; &nbsp; &bogus; <![CDATA[cdata]]> <?php echo 1; ?> <!DOCTYPE x> <svg onload=alert(3)>',
  '<iframe src="http://127.0.0.1:9/"></iframe> <link rel="stylesheet" href="http://127.0.0.1:9/s.css"> <style>@import url(http://127.0.0.1:9/i.css);</style>',
  'Visit http://127.0.0.1:9/x.png or https://example.invalid/ or file:///etc/passwd today.',
];
export const HOSTILE_STORY = `Hostile <script>alert(1)</script> & Co\nBy Mallory <b>Bold</b>\n\n${HOSTILE_LINES.join('\n\n')}\n`;

/** Words of a marker that must show in the book (lower-cased letter/digit runs). */
export const words = (s: string): string[] => s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** `n` tiny stories, each its own file, never with a doubled word. */
export function tinyStories(n: number, paragraphs = 1): Record<string, string> {
  const W = ['lamp', 'harbour', 'keeper', 'night', 'ships', 'waves', 'counted', 'burned', 'over', 'while', 'salt', 'wind', 'stone'];
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const ps = Array.from({ length: paragraphs }, (_, p) => `${Array.from({ length: 24 }, (_, k) => W[(i + p * 3 + k) % W.length]).join(' ')}.`);
    files[`tale-${String(i).padStart(5, '0')}.txt`] = `Tale Number ${i}\nBy Writer ${i % 37}\n\n${ps.join('\n\n')}\n`;
  }
  return files;
}
