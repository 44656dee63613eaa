import type { Inline } from '../model.js';

/** The plain text of inline content, emphasis dropped. */
export function plainText(inlines: readonly Inline[]): string {
  let out = '';
  for (const i of inlines) out += i.kind === 'text' ? i.text : plainText(i.children);
  return out;
}

/** Inline content for a plain string. */
export function textInline(text: string): Inline[] {
  return [{ kind: 'text', text }];
}
