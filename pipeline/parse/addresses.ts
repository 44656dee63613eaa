import { INVISIBLE_ONLY } from './names.js';

/** An e-mail address: in `<>`, `()` or `[]`, after `mailto:` or bare. */
const MAIL = String.raw`<\s*(?:mailto:)?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|\(\s*(?:mailto:)?[^\s()@]+@[^\s()@]+\.[^\s()@]+\s*\)|\[\s*(?:mailto:)?[^\s[\]@]+@[^\s[\]@]+\.[^\s[\]@]+\s*\]|(?:mailto:)?[^\s<>()[\]@,;&]+@[^\s<>()[\]@,;&]+\.\p{L}{2,}`;

/**
 * A web address: with a scheme or "www.", or a bare domain only under the
 * top-level domains authors' pages are found under, so that a dotted handle
 * ("dr.who", "A.B.Smith", "tea.me") stays a name.
 */
const URL_BODY = String.raw`[^\s<>()[\]"]*[^\s<>()[\]".,;:!?]`;
const WEB = String.raw`(?:(?:https?|ftp):\/\/|www\.)${URL_BODY}|(?<![\p{L}\p{N}_.@/-])[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|info|io|blog|uk|ca|au|de|fr|nl)(?![\p{L}\p{N}-])(?:\/${URL_BODY})?`;

/**
 * An e-mail or web address as header lines, by-lines and signatures give one
 * beside a name: in `<>`, `()` or `[]`, after `mailto:` or bare. An e-mail
 * address's domain needs a dot, so a handle such as "@wren" is a name.
 */
const ADDRESS = new RegExp(String.raw`\s*(?:${MAIL}|<\s*(?:${WEB})\s*>|\(\s*(?:${WEB})\s*\)|\[\s*(?:${WEB})\s*\]|${WEB})`, 'giu');

/**
 * Whether `s` may hold an address at all: every e-mail address has an `@`,
 * every web address a dot (a domain, `www.`) or a scheme's colon. Most
 * names have none of the three and skip ADDRESS, whose Unicode classes make
 * it slow to run and, on each thread, to compile.
 */
function mayHoldAddress(s: string): boolean {
  return s.includes('@') || s.includes('.') || s.includes(':');
}

/** Why an address was taken out of a name, as the report lists it. */
export function addressReason(address: string): string {
  return `${/^\W*(?:mailto:)?[^\s/]+@/iu.test(address) ? 'e-mail' : 'web'} address beside an author's name`;
}

/** Detected author names without their e-mail and web addresses, and the addresses taken out, as written. */
export interface Addressed {
  names: string[];
  addresses: string[];
}

/**
 * Takes the e-mail and web addresses out of detected author names ("Bo Kerr
 * <bo@example.org>", "Ann Lee, ann@example.org", "Kit (kit.example.org)"): an address is how to
 * reach an author, not their name, and as part of it it was the EPUB's
 * `dc:creator` (filed under "Bo Kerr <bo@…>") and the PDF's Author. When
 * every name is an address only, nothing is taken: it is all the story
 * says of its author, and no name is left to credit.
 */
export function takeAddresses(names: readonly string[]): Addressed {
  const bare = names.map(withoutAddresses);
  if (bare.every((n) => INVISIBLE_ONLY.test(n))) return { names: [...names], addresses: [] };
  const addresses = names.flatMap((n) => (mayHoldAddress(n) ? [...n.matchAll(ADDRESS)].map((m) => m[0].trim()) : []));
  return { names: bare.filter((n) => !INVISIBLE_ONLY.test(n)), addresses };
}

/**
 * A name as written without the addresses beside it, nor the separator left
 * in front of them: "Kit, kit@example.com" and "Kit (kit@example.com)" are
 * "Kit". An address alone gives ""; a name with no address is only trimmed.
 */
export function withoutAddresses(name: string): string {
  if (!mayHoldAddress(name)) return name.trim();
  const bare = name.replace(ADDRESS, '');
  return bare === name ? name.trim() : bare.replace(/[\s,;:|/\-–—]+$/u, '').trim();
}
