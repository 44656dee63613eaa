import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** The page and package templates, one file each in the templates directory. */
export const TEMPLATE_FILES = [
  'cover.xhtml.hbs',
  'titlepage.xhtml.hbs',
  'toc.xhtml.hbs',
  'attribution.xhtml.hbs',
  'story.xhtml.hbs',
  'endnotes.xhtml.hbs',
  'colophon.xhtml.hbs',
  'content.opf.hbs',
  'toc.ncx.hbs',
] as const;

/** A template that cannot be filled: the message names the template, its file and (from Handlebars) the line. */
export class TemplateError extends Error {}

/** Name of a page or package template. */
export type TemplateName = (typeof TEMPLATE_FILES)[number];

/** Partials, in `partials/<name>.hbs`; `page` is the XHTML layout every page uses. */
export const PARTIAL_NAMES = ['page', 'inlines', 'blocks', 'paragraphs', 'note'] as const;

/** The style sheet; copied as is, never run through Handlebars. */
export const STYLE_FILE = 'style.css';

/** Compiled templates ready to run, plus the style sheet text. */
export interface Templates {
  /** Runs one template; errors name the template and the file it came from. */
  run(name: TemplateName, context: object): string;
  /** A hash of every template, partial and the style sheet: what a cached rendering depends on besides its context. */
  fingerprint: string;
  css: string;
}

const PACKAGE_NAME = 'anthologist';

/**
 * The package root: the nearest ancestor of this module holding our own
 * package.json. Walking up (instead of a fixed `../../`) works both from the
 * sources (pipeline/render/) and compiled (dist/pipeline/render/).
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json of some other package: keep walking.
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${from}`);
  }
}

/** The templates shipped with the package. */
export function defaultTemplatesDir(): string {
  return join(packageRoot(), 'templates');
}

/** Why `dir` cannot be a templates folder (it does not exist, or is a file), or undefined if it can. */
export function templatesDirProblem(dir: string): string | undefined {
  const given = statSync(dir, { throwIfNoEntry: false });
  if (given?.isDirectory()) return undefined;
  return given ? `templates directory ${dir} is a file, not a folder` : `templates directory ${dir} does not exist`;
}

/**
 * Loads the templates into an isolated Handlebars environment, so helpers
 * and partials never leak into (or from) anyone else's Handlebars use.
 * A file in `overrideDir` replaces the default file of the same name; any
 * file missing there falls back to the default.
 */
export function loadTemplates(overrideDir?: string): Templates {
  const defaults = defaultTemplatesDir();
  // A misspelt directory would otherwise silently give the default look.
  const problem = overrideDir === undefined ? undefined : templatesDirProblem(overrideDir);
  if (problem) throw new Error(problem);
  const locate = (rel: string): string => {
    if (overrideDir !== undefined) {
      const own = resolve(overrideDir, rel);
      if (existsSync(own)) return own;
    }
    const def = join(defaults, rel);
    if (!existsSync(def)) throw new Error(`template ${rel} not found in ${overrideDir ?? defaults}`);
    return def;
  };
  const hb = Handlebars.create();
  // Strict: a misspelt field throws instead of silently printing nothing.
  // knownHelpersOnly: a story string can never be taken for a helper call.
  const compileOptions: CompileOptions = {
    strict: true,
    knownHelpers: { eq: true },
    knownHelpersOnly: true,
    preventIndent: true,
  };
  // Only comparisons: helpers never produce markup, so every byte of story
  // text reaches the output through Handlebars' escaping `{{ }}`.
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const sources = createHash('sha256');
  const read = (file: string): string => {
    const text = readFileSync(file, 'utf8');
    sources.update(`${file}\u0000${text}\u0000`);
    return text;
  };
  // Parsed once: checked here, and compiled from the same tree (Handlebars parses a string given to it again).
  const parsed = (file: string): Program => {
    let ast: Program;
    try {
      ast = hb.parseWithoutProcessing(read(file));
    } catch (e) {
      throw new TemplateError(`template ${basename(file)} (${file}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    refuseUnescaped(file, ast);
    return ast;
  };
  for (const name of PARTIAL_NAMES) {
    const file = locate(`partials/${name}.hbs`);
    hb.registerPartial(name, hb.compile(parsed(file), compileOptions));
  }
  const compiled = new Map<TemplateName, { file: string; fn: HandlebarsTemplateDelegate }>();
  for (const name of TEMPLATE_FILES) {
    const file = locate(name);
    compiled.set(name, { file, fn: hb.compile(parsed(file), compileOptions) });
  }
  const css = read(locate(STYLE_FILE));
  refuseRemote(locate(STYLE_FILE), css);
  return {
    css,
    fingerprint: sources.digest('base64url'),
    run(name, context) {
      const t = compiled.get(name);
      if (t === undefined) throw new Error(`unknown template ${name}`);
      try {
        return t.fn(context);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new TemplateError(`template ${name} (${t.file}): ${why}`, { cause: e });
      }
    },
  };
}

/**
 * Refuses `{{{ }}}` and `{{& }}` in a template: they write a value
 * unescaped, and every value a template sees is the author's text or the
 * editor's (input is data, never markup). A template's own markup is
 * written as it is; only values go through `{{ }}`.
 */
function refuseUnescaped(file: string, ast: Program): void {
  const found: { line: number; column: number }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const node = n as { type?: string; escaped?: boolean; loc?: { start: { line: number; column: number } } };
    if (node.type === 'MustacheStatement' && node.escaped === false && node.loc) found.push(node.loc.start);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc') walk(v);
  };
  walk(ast);
  const first = found[0];
  if (first) {
    const name = basename(file);
    throw new TemplateError(`template ${name} (${file}): {{{ }}} or {{& }} would write a value unescaped (line ${first.line}, column ${first.column + 1}); use {{ }}: story text is never markup`);
  }
}

/**
 * Refuses a style sheet that reaches outside the book (`@import`, or a
 * `url()` with a scheme other than `data:`): a reader would fetch it, and
 * epubcheck refuses remote resources. The book carries everything it shows.
 */
function refuseRemote(file: string, css: string): void {
  const m = /@import\b|url\(\s*['"]?\s*(?!data:)(?:[a-z][a-z0-9+.-]*:|\/\/)/iu.exec(css);
  if (m) {
    const line = css.slice(0, m.index).split('\n').length;
    const column = m.index - css.lastIndexOf('\n', m.index - 1);
    throw new TemplateError(`template ${basename(file)} (${file}): ${m[0].startsWith('@') ? '@import' : 'a url() outside the book'} would make readers fetch a file from elsewhere (line ${line}, column ${column}); put what the style sheet needs in it`);
  }
}

type Program = ReturnType<typeof Handlebars.parseWithoutProcessing>;
type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type HandlebarsTemplateDelegate = ReturnType<typeof Handlebars.compile>;
