const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code units segmented at a time by {@link clusters}. */
export const CLUSTER_WINDOW = 4096;

/**
 * The grapheme clusters of `text`, as `Intl.Segmenter` finds them, found a
 * window at a time. V8's segmenter takes time growing with the square of
 * the string's length (100,000 characters: 5 s, and a 200,000-character
 * word was never set), so a long paragraph or word is segmented in
 * windows, each from the start of the last cluster of the one before
 * (which may run on past the window's end). Where a cluster ends depends
 * on nothing before its start, and a window never ends inside a surrogate
 * pair, so the clusters are the same. A cluster longer than the window
 * widens it.
 */
export function* clusters(text: string, window = CLUSTER_WINDOW): Generator<string> {
  let at = 0;
  let size = window;
  while (at < text.length) {
    if (at + size + 1 >= text.length) {
      for (const { segment } of segmenter.segment(text.slice(at))) yield segment;
      return;
    }
    // Never between the halves of a surrogate pair: the break before the window's last cluster is
    // decided by the character after it, which must be whole.
    const end = at + size + (isHigh(text.charCodeAt(at + size - 1)) && isLow(text.charCodeAt(at + size)) ? 1 : 0);
    let held: string | undefined;
    let heldAt = 0;
    for (const { segment, index } of segmenter.segment(text.slice(at, end))) {
      if (held !== undefined) yield held;
      [held, heldAt] = [segment, index];
    }
    // The window's last cluster is looked at again from its start; one cluster alone: a wider window.
    if (heldAt > 0) [at, size] = [at + heldAt, window];
    else size *= 2;
  }
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
