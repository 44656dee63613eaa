import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import type { Report } from '../../pipeline/index.js';
import { CACHE_FILE } from '../../pipeline/cache/index.js';
import { CACHE_DIR } from '../../pipeline/runner.js';

/**
 * Shared helpers of the robustness suite (tests/robustness/): running the
 * installed CLI as a child process with a chosen environment, measuring it,
 * writing input trees, and reading books back.
 */

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'anthologist.js');

/** A fresh temporary folder; removed by {@link cleanup} unless KEEP_ROBUSTNESS_TMP is set. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `anth-rb-${prefix}-`));
}

export function cleanup(...dirs: string[]): void {
  if (process.env.KEEP_ROBUSTNESS_TMP) return;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

/** Writes files (paths relative to `dir`, sub-folders made as needed). */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): string {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
export const sha256File = (file: string): string => sha256(readFileSync(file));

/** The one file the build cache writes in an output folder (see README, "The build cache"). */
export const CACHE_FILE_IN_OUTPUT = `${CACHE_DIR}/${CACHE_FILE}`;

/**
 * Every file under `dir`, as paths relative to it, sorted (symbolic links
 * are not followed). The build cache's file is left out: it is the one file
 * a build writes on purpose besides its books. Anything else the cache
 * left (a temporary file) is listed.
 */
export function listFiles(dir: string): string[] {
  return listAll(dir).filter((f) => !`/${f.split(sep).join('/')}`.endsWith(`/${CACHE_FILE_IN_OUTPUT}`));
}

/** Every file under `dir`, the cache's included. */
export function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** sha256 of every file under `dir`, by relative path. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, sha256File(join(dir, f))]));
}

/** The environment a child build gets: no SOURCE_DATE_EPOCH, no CI colour or locale leaking in from the caller. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), TZ: 'UTC', LANG: 'C.UTF-8' };
  return { ...env, ...extra };
}

export interface CliRun {
  /** Exit code, or null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The --json report, when stdout held one. */
  report?: Report;
  /** Wall-clock time of the child. */
  ms: number;
  /** Peak resident memory of the child in MiB (only with `measure`). */
  maxRssMiB?: number;
  /** True when {@link RunOptions.timeoutMs} ran out and the child was killed. */
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the child (default {@link baseEnv}). */
  env?: Record<string, string>;
  /** Kill the child (SIGKILL) after this long. Default 120 s. */
  timeoutMs?: number;
  /** Modules preloaded with `node --import`. */
  preload?: string[];
  /** Node options placed before the script, e.g. `--max-old-space-size=…`. */
  nodeArgs?: string[];
  /** Record the child's peak RSS (through a tiny preload). */
  measure?: boolean;
  /** Run as this user and group (root only), e.g. 65534 ("nobody"). */
  uid?: number;
  /** Run under `ulimit -v` (KiB of address space) through sh. */
  addressSpaceKiB?: number;
  /** Called with the child's pid once it runs. */
  onSpawn?: (pid: number, kill: () => void) => void;
}

/** A preload (as a data: URL, so no file is left behind) that writes the peak RSS to ANTH_RSS_FILE on exit. */
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs';
const out = process.env.ANTH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
`)}`;

/** Runs `node bin/anthologist.js …args` as a child process and collects everything it says. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  const env = { ...(opts.env ?? baseEnv()) };
  const preload = [...(opts.preload ?? [])];
  let rssFile: string | undefined;
  if (opts.measure) {
    preload.push(RSS_PRELOAD);
    rssFile = join(tmpdir(), `anth-rb-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    env.ANTH_RSS_FILE = rssFile;
  }
  const nodeArgv = [...(opts.nodeArgs ?? []), ...preload.flatMap((p) => ['--import', p]), BIN, ...args];
  let cmd = process.execPath;
  let argv = nodeArgv;
  if (opts.addressSpaceKiB) {
    cmd = '/bin/sh';
    argv = ['-c', `ulimit -v ${opts.addressSpaceKiB} && exec "$0" "$@"`, process.execPath, ...nodeArgv];
  }
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => void (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr += s));
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid, kill);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run: CliRun = { code, signal, stdout, stderr, ms: Math.round(performance.now() - started), timedOut };
      if (stdout.trimStart().startsWith('{')) {
        try {
          run.report = JSON.parse(stdout) as Report;
        } catch {
          /* not a report: left to the test */
        }
      }
      if (rssFile && existsSync(rssFile)) {
        run.maxRssMiB = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
        rmSync(rssFile, { force: true });
      }
      resolvePromise(run);
    });
  });
}

/** A run that ended the way a user-facing command should: an exit code, and no stack trace or internal error. */
export function expectNoCrash(r: CliRun): void {
  expect(r.timedOut, `timed out after ${r.ms} ms`).toBe(false);
  expect(r.signal, `killed by ${r.signal}; stderr: ${r.stderr.slice(0, 500)}`).toBeNull();
  expect(r.stderr).not.toMatch(/\n\s+at /u);
  expect(r.stderr).not.toMatch(/internal error/iu);
  expect(r.stderr).not.toMatch(/FATAL ERROR|Last few GCs|JS stacktrace/u);
  expect([0, 1, 2, 3]).toContain(r.code);
}

/** The diagnostics of a --json report, each as `code severity file`. */
export function codes(r: CliRun): string[] {
  return (r.report?.diagnostics ?? []).map((d) => `${d.code} ${d.severity}${d.file ? ` ${d.file}` : ''}`);
}

/** Every entry of an EPUB: text entries as strings, others as bytes. */
export async function epubEntries(file: string): Promise<Map<string, string | Uint8Array>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string | Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    out.set(name, /\.(?:xhtml|opf|ncx|css|xml)$|mimetype$/u.test(name) ? await entry.async('string') : await entry.async('uint8array'));
  }
  return out;
}

/** The XHTML documents of an EPUB, by entry name. */
export async function epubXhtml(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [k, v] of await epubEntries(file)) if (k.endsWith('.xhtml') && typeof v === 'string') out.set(k, v);
  return out;
}

/** epubcheck, asynchronously (so several can run while a test waits): its ERROR/FATAL/WARNING lines. */
export function epubcheckAsync(file: string): Promise<{ status: number | null; problems: string[]; summary: string }> {
  return new Promise((res, rej) => {
    const child = spawn('java', ['-jar', '/usr/bin/epubcheck', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => void (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => void (out += b.toString('utf8')));
    child.on('error', rej);
    child.on('close', (status) => {
      const lines = out.split('\n');
      res({ status, problems: lines.filter((l) => /^(?:ERROR|FATAL|WARNING)/u.test(l)), summary: lines.find((l) => l.startsWith('Messages:')) ?? out.slice(-500) });
    });
  });
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates are not characters.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * A strict, small XML well-formedness check, for the documents anthologist
 * writes: one root, balanced and properly nested elements, unique quoted
 * attributes, entity references that XML or the document defines, no `]]>`
 * in text, no characters XML forbids. Comments, CDATA and processing
 * instructions after the declaration are reported (the templates make none,
 * so one can only come from input that escaped escaping).
 */
export function xmlWellFormedness(xml: string): string[] {
  const problems: string[] = [];
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) problems.push(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML (at ${bad.index})`);
  let rest = xml;
  const decl = /^<\?xml\s[^?]*\?>/u.exec(rest);
  if (decl) rest = rest.slice(decl[0].length);
  rest = rest.replace(/^\s*<!DOCTYPE[^>[]*>/u, '');
  const name = String.raw`[A-Za-z_][-.\w]*(?::[A-Za-z_][-.\w]*)?`;
  const attr = String.raw`\s+(${name})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')`;
  const tag = new RegExp(String.raw`^<(/?)(${name})((?:${attr})*)\s*(/?)>`, 'u');
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/u;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < rest.length) {
    const lt = rest.indexOf('<', i);
    const text = rest.slice(i, lt === -1 ? rest.length : lt);
    if (text) {
      if (!stack.length && text.trim()) problems.push(`text outside the root: ${text.slice(0, 40)}`);
      if (entity.test(text)) problems.push(`bare or unknown & in text: ${text.slice(0, 60)}`);
      if (text.includes(']]>')) problems.push('"]]>" in text');
    }
    if (lt === -1) break;
    const here = rest.slice(lt);
    if (here.startsWith('<!--') || here.startsWith('<![CDATA[') || here.startsWith('<?') || here.startsWith('<!')) {
      problems.push(`markup declaration, comment or CDATA in a document: ${here.slice(0, 40)}`);
      const end = here.indexOf('>');
      i = end === -1 ? rest.length : lt + end + 1;
      continue;
    }
    const m = tag.exec(here);
    if (!m) {
      problems.push(`not a well-formed tag: ${here.slice(0, 60)}`);
      i = lt + 1;
      continue;
    }
    const [whole, close, el, attrs] = m;
    const selfClose = m[m.length - 1];
    if (close && (attrs || selfClose)) problems.push(`malformed end tag </${el}>`);
    const seen = new Set<string>();
    for (const a of (attrs ?? '').matchAll(new RegExp(attr, 'gu'))) {
      if (seen.has(a[1]!)) problems.push(`attribute ${a[1]} twice on <${el}>`);
      seen.add(a[1]!);
      if (entity.test(a[2] ?? a[3] ?? '')) problems.push(`bare or unknown & in attribute ${a[1]} of <${el}>`);
    }
    if (close) {
      const open = stack.pop();
      if (open !== el) problems.push(`</${el}> closes <${open ?? 'nothing'}>`);
    } else {
      if (!stack.length) roots += 1;
      if (!selfClose) stack.push(el!);
    }
    i = lt + whole.length;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Element names used in XHTML documents (for "no live markup from the input" checks). */
export function elementNames(xml: string): Set<string> {
  return new Set([...xml.matchAll(/<([A-Za-z][-.\w:]*)[\s/>]/gu)].map((m) => m[1]!.toLowerCase()));
}

/** Attribute names used in XHTML documents. */
export function attributeNames(xml: string): Set<string> {
  const out = new Set<string>();
  for (const t of xml.matchAll(/<[A-Za-z][^>]*>/gu)) for (const a of t[0].matchAll(/\s([-\w:]+)\s*=/gu)) out.add(a[1]!.toLowerCase());
  return out;
}

/** Size of a file in bytes, or -1. */
export const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : -1);

/**
 * The cache tests' book in `work/stories`: the seeds and four short stories
 * with typography to normalise and a doubled word to report, so a cached
 * build has models, pages and messages to give back. Returns the folder.
 */
export function cacheCorpus(work: string): string {
  const stories = join(work, 'stories');
  cpSync(join(ROOT, 'seeds'), stories, { recursive: true });
  for (let i = 1; i <= 4; i++) {
    writeFileSync(join(stories, `extra-${i}.txt`), `Story Number ${i}\nBy Writer ${i}\n\n"Hello," she said -- and the the door opened.\n\n\n\nIt was ${i} o'clock...\n`);
  }
  return stories;
}
