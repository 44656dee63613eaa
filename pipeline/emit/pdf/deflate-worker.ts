/**
 * The worker: deflates each batch of pages with zlib's defaults, pdfkit's
 * own settings, so the bytes are the ones pdfkit would have written. A
 * batch comes as one buffer of pages end to end, and goes back as one
 * buffer of deflated pages, in the spare buffer it was given when that is
 * big enough: both buffers are moved between the threads, not copied, and
 * used again for later batches. Its source is inline (an `eval` worker) so
 * that it runs the same from the compiled package and from the TypeScript
 * sources under test.
 */
export const WORKER = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
// One compression stream for every page, reset between pages: deflateSync makes and frees one (a few
// hundred kilobytes) a page, and the C library kept what this thread freed (the PDF's peak grew with
// the number of pages). Node has no public way to reuse a stream synchronously: this drives its
// handle as deflateSync does, without closing it, and is used only if it gives deflateSync's bytes.
function reusable() {
  try {
    const engine = zlib.createDeflate();
    const handle = engine._handle;
    const state = engine._writeState;
    if (!handle || typeof handle.writeSync !== 'function' || typeof handle.reset !== 'function' || !state) return null;
    // zlib's errors come as an event: without a listener they would stop the worker.
    let failed = false;
    engine.on('error', () => {
      failed = true;
    });
    const out = Buffer.allocUnsafe(64 * 1024);
    const deflate = (page) => {
      const input = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
      const parts = [];
      let total = 0;
      let inOff = 0;
      let inLen = input.byteLength;
      for (;;) {
        handle.writeSync(zlib.constants.Z_FINISH, input, inOff, inLen, out, 0, out.length);
        if (failed) throw new Error('the reused deflate stream failed');
        const availOut = state[0];
        const availIn = state[1];
        const have = out.length - availOut;
        if (have > 0) {
          parts.push(Buffer.from(out.subarray(0, have)));
          total += have;
        }
        inOff += inLen - availIn;
        inLen = availIn;
        // Output left over: the page is not finished (deflateSync goes round again the same way).
        if (availOut !== 0) break;
      }
      handle.reset();
      return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
    };
    const samples = [new Uint8Array(0), Buffer.from('BT (check) Tj ET\\n'.repeat(9000)), require('node:crypto').randomBytes(150000)];
    return samples.every((p) => deflate(p).equals(zlib.deflateSync(p))) ? deflate : null;
  } catch {
    return null;
  }
}
const reused = reusable();
const deflateOne = reused || ((page) => zlib.deflateSync(page));
parentPort.on('message', ({ id, input, lengths, spare }) => {
  try {
    const bytes = new Uint8Array(input);
    const parts = [];
    let at = 0;
    let total = 0;
    for (const n of lengths) {
      const part = deflateOne(bytes.subarray(at, at + n));
      parts.push(part);
      at += n;
      total += part.length;
    }
    const output = spare && spare.byteLength >= total ? spare : new ArrayBuffer(Math.ceil(total * 1.25));
    const out = new Uint8Array(output);
    let o = 0;
    for (const part of parts) {
      out.set(part, o);
      o += part.length;
    }
    parentPort.postMessage({ id, input, output, lengths: parts.map((p) => p.length), reused: reused !== null }, [input, output]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;
