import { INVISIBLE_ONLY } from './patterns.js';

/**
 * An e-mail address as header lines and by-lines give one beside a name:
 * in `<>`, `()` or `[]`, after `mailto:` or bare. Its domain needs a dot,
 * so a handle such as "@wren" is a name.
 */
const ADDRESS = /\s*(?:<\s*(?:mailto:)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|\(\s*(?:mailto:)?[^\s()@]+@[^\s()@]+\.[^\s()@]+\s*\)|\[\s*(?:mailto:)?[^\s[\]@]+@[^\s[\]@]+\.[^\s[\]@]+\s*\]|(?:mailto:)?[^\s<>()[\]@,;&]+@[^\s<>()[\]@,;&]+\.\p{L}{2,})/giu;

/** Detected author names without their e-mail addresses, and the addresses taken out, as written. */
export interface Addressed {
  names: string[];
  addresses: string[];
}

/**
 * Takes the e-mail addresses out of detected author names ("Bo Kerr
 * <bo@example.org>", "Ann Lee, ann@example.org"): an address is how to
 * reach an author, not their name, and as part of it it was the EPUB's
 * `dc:creator` (filed under "Bo Kerr <bo@…>") and the PDF's Author. When
 * every name is an address only, nothing is taken: it is all the story
 * says of its author, and no name is left to credit.
 */
export function takeAddresses(names: readonly string[]): Addressed {
  const bare = names.map(withoutAddresses);
  if (bare.every((n) => INVISIBLE_ONLY.test(n))) return { names: [...names], addresses: [] };
  const addresses = names.flatMap((n) => [...n.matchAll(ADDRESS)].map((m) => m[0].trim()));
  return { names: bare.filter((n) => !INVISIBLE_ONLY.test(n)), addresses };
}

/**
 * A name as written without the addresses beside it, nor the separator left
 * in front of them: "Kit, kit@example.com" and "Kit (kit@example.com)" are
 * "Kit". An address alone gives ""; a name with no address is only trimmed.
 */
export function withoutAddresses(name: string): string {
  const bare = name.replace(ADDRESS, '');
  return bare === name ? name.trim() : bare.replace(/[\s,;:|/\-–—]+$/u, '').trim();
}
