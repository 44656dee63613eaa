import type { Messages } from '../diagnostics/index.js';

/** Text decoded from bytes, with the encoding that was used. */
export interface Decoded {
  text: string;
  encoding: string;
}

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, and the two non-characters).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Decodes a story file's bytes: BOMs for UTF-8 and UTF-16, strict UTF-8, and
 * Windows-1252 as the fallback (reported), then CRLF/CR to LF and NFC. Rejects
 * binary and blank files with an error naming the file.
 */
export function decodeBytes(bytes: Uint8Array, file: string, messages: Messages): Decoded | null {
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    [text, encoding] = [new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le'];
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    [text, encoding] = [new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be'];
  } else {
    if (looksBinary(bytes)) {
      messages.add('input/binary', `${file} is not a text file (it holds binary data)`, { file });
      return null;
    }
    try {
      // ignoreBOM: false makes the decoder drop a UTF-8 BOM.
      [text, encoding] = [new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8'];
    } catch {
      [text, encoding] = [decodeWindows1252(bytes), 'windows-1252'];
      messages.add('input/fallback-encoding', `${file} is not valid UTF-8; read as Windows-1252`, { file });
    }
  }
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  const invalid = text.match(XML_INVALID);
  if (invalid) {
    text = text.replace(XML_INVALID, '');
    messages.add('input/control-chars', `${file}: removed ${invalid.length} control character(s) that XML does not allow`, { file });
  }
  if (text.trim() === '') {
    messages.add('input/empty', `${file} is empty`, { file });
    return null;
  }
  return { text, encoding };
}

/** NUL bytes never occur in 8-bit text; a few in the first 8 KB mean an image, archive or the like. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder
// treats the label as Latin-1 (turning curly quotes into C1 controls), so
// the table is spelled out here. Undefined bytes map to U+FFFD.
const CP1252 = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80]! : String.fromCharCode(b)));
    out += chunk.join('');
  }
  return out;
}
