// Names as they are filed: shared by the EPUB's `file-as` and the story order by author.

/** Words that start titles rather than names: "The Silver Fox" is not filed under "Fox". */
const NOT_GIVEN_NAMES = new Set(['the', 'a', 'an']);
const NAME_PART = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/**
 * The sorting form of a name. The model has no sort names, so this only
 * inverts names that look like personal names ("Ada Quill" → "Quill, Ada");
 * handles and anything unusual are filed as written, which is never wrong.
 */
export function fileAs(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 4 || name.includes(',')) return name;
  if (!parts.every((p) => NAME_PART.test(p)) || NOT_GIVEN_NAMES.has(parts[0]!.toLowerCase())) return name;
  return `${parts[parts.length - 1]}, ${parts.slice(0, -1).join(' ')}`;
}
