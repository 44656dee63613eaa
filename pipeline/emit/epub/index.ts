import { EPub, type Options } from 'epub-gen-memory';
import { coverInBackground } from '../../cover/background.js';
import type { CoverImage } from '../../cover/declare.js';
import type { Cache } from '../../cache/index.js';
import type { RenderedBook, RenderedDoc, RenderPass } from '../../model.js';
import type { EmitInput, Emitter, Streamed } from '../types.js';
import { packEntries, writeZipTo, type ZipEntry } from './zip.js';
import { ByteSink, type BookSink } from '../sink.js';
import { SharedPacker } from '../../shared/share.js';

/*
 * The EPUB emitter packs what `render` produced, byte for byte.
 *
 * epub-gen-memory is used only as a zip layout (mimetype first and stored,
 * META-INF/container.xml, OEBPS/). Everything it would otherwise do to our
 * content is switched off:
 *  - it parses chapter `content` as HTML, re-serialises it (non-ASCII turns
 *    into numeric references) and fetches every <img src> over http(s) or
 *    file:// — so it is given no chapters at all (validating thousands of
 *    them cost a quarter of a second), and our `generateTemplateFiles`
 *    writes our XHTML out as it is;
 *  - image, font and cover downloads are overridden with no-ops; the one
 *    image, the cover (generated, or the editor's file), is made by the
 *    cover stage and written into the zip here, as the package declares it;
 *  - its EJS templates never run: the OPF, NCX and nav written are ours,
 *    so its random uuid and the clock never reach the output;
 *  - zip entry dates are fixed to the book's `modified` date.
 */

/** Where the library writes the navigation document; our nav must have this name. */
const NAV_FILE = 'toc.xhtml';
/** Names the library itself (or the cover) writes in OEBPS/ besides the chapters. */
const RESERVED = new Set(['content.opf', 'toc.ncx', 'style.css', NAV_FILE, 'cover.png', 'cover.jpg']);
/** What the library leaves of a file name untouched: anything else it silently rewrites. */
const SANITARY = /^[-._A-Za-z0-9]+\.xhtml$/;

/** epub-gen-memory with every network, file and clock dependency taken out. */
class FixedEPub extends EPub {
  constructor(
    options: Options,
    private readonly pass: RenderPass,
    private readonly fixedDate: Date,
    private readonly coverImage: Promise<CoverImage>,
    private readonly cache?: Cache,
  ) {
    super(options, []);
  }

  // No downloads of any kind: the only image is the cover, which we add
  // ourselves, and story text must never be able to make the build read a
  // file or open a connection.
  protected override async downloadAllImages(): Promise<void> {}
  protected override async downloadAllFonts(): Promise<void> {}
  protected override async makeCover(): Promise<void> {}

  /** Files of the book, in the library's layout, as {@link generateTemplateFiles} lays them out. */
  private readonly files: ZipEntry[] = [];
  /** The package document, once the pass has made it. */
  private opf = '';

  /**
   * The library's layout (OEBPS/ with style.css, the chapters, content.opf,
   * toc.ncx and toc.xhtml; META-INF/container.xml), written straight from
   * our rendered text. The library's own version runs EJS, compiling its
   * template afresh for every chapter, and round-trips everything through
   * JSZip: most of a large build's time, for text that is already final.
   */
  protected override async generateTemplateFiles(): Promise<void> {
    // Each page is written as UTF-8 straight into the shared memory the deflate worker reads the moment
    // it is rendered, and its text let go: a book's pages are held once, as bytes, never all as strings.
    const packer = new SharedPacker();
    const add = (name: string, text: string) => this.files.push({ name, data: packer.packText(text) });
    add('OEBPS/style.css', this.options.css);
    const seen = new Set<string>();
    const rest = this.pass.each((doc) => add(`OEBPS/${checkedName(doc, seen)}`, doc.xhtml));
    const navs = rest.heads.filter((d) => d.role === 'toc');
    if (navs.length !== 1 || navs[0]!.filename !== NAV_FILE) throw new Error(`the rendered book must have exactly one navigation document, ${NAV_FILE}`);
    add('META-INF/container.xml', CONTAINER_XML);
    add('OEBPS/content.opf', (this.opf = rest.opf));
    add('OEBPS/toc.ncx', rest.ncx);
    add(`OEBPS/${NAV_FILE}`, rest.nav);
  }

  /**
   * Lets the library lay the files out, then packs them with native zlib and
   * fixed entry dates, so the same book gives the same bytes. (The library's
   * own genEpub deflates at level 9 in pure JavaScript: most of a build's time.)
   */
  async build(sink: BookSink): Promise<void> {
    await this.render();
    const mimetype = await this.zip.file('mimetype')!.async('uint8array');
    // Deflated while the cover is drawn on another core.
    const head = await packEntries([{ name: 'mimetype', data: mimetype, store: true }, ...this.files], undefined, this.cache);
    // The uncompressed pages are not needed any more: a large book's memory peaks from here on.
    this.files.length = 0;
    const image = checkedCover(await this.coverImage, this.opf);
    // Stored, not deflated: the EPUB mimetype must be, and PNG and JPEG are compressed already.
    const cover = await packEntries([{ name: `OEBPS/${image.filename}`, data: image.bytes, store: true }]);
    writeZipTo(sink, [...head, ...cover], this.fixedDate);
  }
}

/** The container file, exactly as epub-gen-memory writes it. */
const CONTAINER_XML = '<?xml version="1.0" encoding="UTF-8" ?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>';

/**
 * A book rendered whole, walked as a pass: its navigation document must be
 * the one `nav` holds, and is handed out last, as the pass makes it.
 */
export function passOf(rendered: RenderedBook | RenderPass): RenderPass {
  if ('each' in rendered) return rendered;
  const navs = rendered.docs.filter((d) => d.role === 'toc');
  if (navs.length !== 1 || navs[0]!.filename !== NAV_FILE || navs[0]!.xhtml !== rendered.nav) {
    throw new Error(`the rendered book must have exactly one navigation document, ${NAV_FILE}, equal to rendered.nav`);
  }
  return {
    css: rendered.css,
    each(each) {
      for (const d of rendered.docs) if (d.role !== 'toc') each(d);
      return { heads: rendered.docs.map(({ xhtml: _, ...head }) => head), opf: rendered.opf, ncx: rendered.ncx, nav: rendered.nav };
    },
  };
}

/** A spine document's file name, checked: the library would rewrite an unusual name, and a duplicate would silently overwrite the first. */
function checkedName(d: RenderedDoc, seen: Set<string>): string {
  if (d.role === 'toc') throw new Error(`the navigation document ${d.filename} must come last, as the pass's nav`);
  if (!SANITARY.test(d.filename)) throw new Error(`document file name ${d.filename} is not [-._A-Za-z0-9]+.xhtml`);
  if (RESERVED.has(d.filename) || seen.has(d.filename)) throw new Error(`document file name ${d.filename} is used twice`);
  seen.add(d.filename);
  return d.filename;
}

/**
 * The cover image, checked against the manifest: render declared it from
 * the file's first bytes, and a file that changed since (or a custom OPF
 * template that declares something else) must not give a book whose
 * manifest lies about its image.
 */
export function checkedCover(cover: CoverImage, opf: string): CoverImage {
  // Attribute order is the template's business; only the declared name and type matter.
  const item = /<item\b[^>]*\bproperties="[^"]*\bcover-image\b[^"]*"[^>]*>/.exec(opf)?.[0];
  if (item === undefined) throw new Error('the package declares no cover image (an item with properties="cover-image"); a custom content.opf template must keep it');
  if (!item.includes(`href="${cover.filename}"`) || !item.includes(`media-type="${cover.mediaType}"`)) {
    throw new Error(`the package does not declare the cover as ${cover.filename} (${cover.mediaType}); was the cover file changed during the build?`);
  }
  return cover;
}

/** Writes the book into `sink` (the runner's sink writes it to the file as it comes): the archive is never whole in memory. */
async function emitTo({ anthology, rendered, cache, cover: started }: EmitInput, sink: BookSink): Promise<Streamed> {
  const meta = anthology.meta;
  const date = new Date(meta.modified);
  if (Number.isNaN(date.getTime())) throw new Error(`meta.modified is not a date: ${meta.modified}`);
  if (!rendered) throw new Error('the EPUB is made of the rendered book, and none was given');
  const pass = passOf(rendered);
  const cover = started ?? coverInBackground(anthology, cache);
  // An unhandled rejection would end the process before build() reaches its await.
  cover.catch(() => {});
  const options: Options = { title: meta.title, lang: meta.language, date: meta.modified, css: pass.css, version: 3, fonts: [], verbose: false };
  await new FixedEPub(options, pass, date, cover, cache).build(sink);
  return {};
}

/** The same EPUB, whole in memory (for the library and tests). */
async function emit(input: EmitInput): Promise<Uint8Array> {
  const sink = new ByteSink();
  await emitTo(input, sink);
  return sink.bytes();
}

/** Writes the rendered book as an EPUB 3 file. */
export const epubEmitter: Emitter = { format: 'epub', extension: 'epub', emit, emitTo, usesCover: true, usesRendered: true };
