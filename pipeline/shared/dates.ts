/**
 * A date as editors and authors write it ("2024-12-01", "December 1, 2024",
 * "14 February 2011", "March 3rd, 2012"), read as UTC so that the time zone
 * of the machine never changes the book. Returns NaN when it is not a date.
 */
export function parseDateUTC(text: string): number {
  const s = text.trim().replace(/(\d)(?:st|nd|rd|th)\b/u, '$1');
  // ISO dates with a time zone or none: Date.parse reads date-only ISO as UTC, and honours an explicit zone.
  if (/^\d{4}-\d{2}-\d{2}(?:$|T)/u.test(s)) return Date.parse(/T.*(?:Z|[+-]\d{2}:?\d{2})$|^\d{4}-\d{2}-\d{2}$/u.test(s) ? s : `${s}Z`);
  // Anything else Date.parse reads as local time: say UTC explicitly.
  return /(?:UTC|GMT|Z|[+-]\d{4})$/u.test(s) ? Date.parse(s) : Date.parse(`${s} UTC`);
}
