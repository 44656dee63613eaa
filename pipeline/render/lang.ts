/**
 * BCP 47 tags (RFC 5646 "langtag" and private use), case-insensitive. The
 * primary subtag must have 2 or 3 letters: the grammar also allows 4–8, but
 * no such subtag is registered, and "English" is a name, not a tag. The
 * irregular grandfathered tags are not accepted.
 */
const LANGTAG = new RegExp(
  '^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\\d{3}))?' +
    '(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*(?:-[\\da-wyz](?:-[a-z\\d]{2,8})+)*(?:-x(?:-[a-z\\d]{1,8})+)?$|^x(?:-[a-z\\d]{1,8})+$',
  'i',
);

/** Whether `tag` is a well-formed BCP 47 language tag. */
export function isLanguageTag(tag: string): boolean {
  return LANGTAG.test(tag);
}
