import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cleanup, epubEntries, expectNoCrash, listFiles, ROOT, runCli, tempDir, writeTree, type CliRun } from '../helpers/robustness.js';
import { HOSTILE_STORY, PNG_BYTES } from './fixtures.js';

/**
 * README rule 4: "a build opens no network connection". A full build (both
 * formats) of the seeds plus hostile text full of http and file URLs runs
 * in a child process whose networking is replaced, before anything else
 * loads, by functions that record the attempt and throw. The record must
 * stay empty, the build must succeed, and no file named in the text (a
 * canary beside the input) may be opened.
 */

let work: string;
let preload: string;
let canary: string;

function writePreload(dir: string): string {
  const file = join(dir, 'no-network.mjs');
  writeFileSync(
    file,
    `// Replaces every way Node opens a connection or resolves a name with a recorder that throws.
import { appendFileSync } from 'node:fs';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import dgram from 'node:dgram';
import cp from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const log = process.env.NET_LOG;
const canary = process.env.CANARY;
const record = (what, args) => {
  let detail;
  try { detail = JSON.stringify(args, (_k, v) => (typeof v === 'function' ? '[fn]' : v)).slice(0, 300); } catch { detail = String(args[0]); }
  appendFileSync(log, JSON.stringify({ what, detail, stack: new Error().stack.split('\\n').slice(2, 6).join(' | ') }) + '\\n');
};
const trap = (obj, name, label) => {
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function (...args) {
    record(label, args);
    throw new Error('network access is not allowed in this test: ' + label);
  };
};
trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
trap(tls, 'connect', 'tls.connect');
for (const f of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'reverse']) {
  trap(dns, f, 'dns.' + f);
  trap(dns.promises, f, 'dns.promises.' + f);
}
for (const [mod, label] of [[http, 'http'], [https, 'https']]) {
  trap(mod, 'request', label + '.request');
  trap(mod, 'get', label + '.get');
}
trap(http2, 'connect', 'http2.connect');
trap(dgram, 'createSocket', 'dgram.createSocket');
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = async (...args) => {
    record('fetch', [String(args[0])]);
    throw new TypeError('network access is not allowed in this test: fetch');
  };
}
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function (...args) { record('WebSocket', args); throw new Error('no WebSocket'); };
// A child process could do what this one may not: record any.
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = cp[f];
  cp[f] = function (...args) { record('child_process.' + f, args.slice(0, 2)); return original.apply(this, args); };
}
// Files named in the story text must never be opened.
const touches = (p) => canary && (typeof p === 'string' || p instanceof URL) && String(p).includes(canary);
for (const [obj, names, label] of [
  [fs, ['readFile', 'readFileSync', 'open', 'openSync', 'createReadStream', 'statSync', 'stat', 'existsSync', 'accessSync', 'access'], 'fs.'],
  [fsp, ['readFile', 'open', 'stat', 'access'], 'fs.promises.'],
]) {
  for (const n of names) {
    const original = obj[n];
    if (typeof original !== 'function') continue;
    obj[n] = function (p, ...rest) {
      if (touches(p)) record(label + n, [String(p)]);
      return original.call(this, p, ...rest);
    };
  }
}
syncBuiltinESMExports();
appendFileSync(log, '');
`,
  );
  return file;
}

const readLog = (file: string): { what: string; detail: string; stack: string }[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { what: string; detail: string; stack: string }) : [];

beforeAll(() => {
  work = tempDir('network');
  preload = writePreload(work);
  canary = join(work, 'canary-secret');
  writeTree(canary, { 'secret.png': PNG_BYTES, 'style.css': 'body { color: red }', 'secret.txt': 'Secret\nBy Nobody\n\nthis must never be read.\n' });
});
afterAll(() => cleanup(work));

describe('the network trap itself', () => {
  // Without this, an empty record could mean a trap that does not work.
  it.each([
    ['fetch', "await fetch('http://127.0.0.1:9/').catch(() => {})"],
    ['http.request', "(await import('node:http')).request('http://127.0.0.1:9/')"],
    ['net.connect', "(await import('node:net')).connect(9, '127.0.0.1')"],
    ['named import of net.connect', "const { connect } = await import('node:net'); connect(9, '127.0.0.1')"],
    ['dns.lookup', "(await import('node:dns')).lookup('example.invalid', () => {})"],
    ['new net.Socket().connect', "new (await import('node:net')).Socket().connect(9, '127.0.0.1')"],
  ])('records %s', (what, code) => {
    const log = join(work, `self-${what.replace(/\W+/gu, '-')}.log`);
    spawnSync(process.execPath, ['--import', preload, '--input-type=module', '-e', `try { ${code} } catch {}`], { env: { ...baseEnv(), NET_LOG: log } });
    expect(readLog(log).length).toBeGreaterThan(0);
  });

  it('records a file named in the text being read', () => {
    const log = join(work, 'self-canary.log');
    spawnSync(process.execPath, ['--import', preload, '-e', `require('node:fs').readFileSync(${JSON.stringify(join(canary, 'secret.png'))})`], { env: { ...baseEnv(), NET_LOG: log, CANARY: canary } });
    expect(readLog(log).map((r) => r.what)).toContain('fs.readFileSync');
  });
});

describe('a full build opens no socket and reads no file named in the text', () => {
  let dir: string;
  let run: CliRun;
  let log: string;

  beforeAll(async () => {
    dir = join(work, 'build');
    cpSync(join(ROOT, 'seeds'), join(dir, 'in'), { recursive: true });
    const file = (name: string) => `file://${join(canary, name)}`;
    writeTree(join(dir, 'in'), {
      'hostile.txt': HOSTILE_STORY,
      'urls.txt': [
        'Remote Things',
        'By Link Lover',
        'Source: http://127.0.0.1:9/works/1',
        '',
        `<img src="${file('secret.png')}"> and <img src='http://127.0.0.1:9/pixel.png'> and <image href="https://127.0.0.1:9/i.svg"/>`,
        '',
        `<link rel="stylesheet" href="${file('style.css')}"> <style>@import url("http://127.0.0.1:9/x.css"); body { background: url(${file('secret.png')}) }</style>`,
        '',
        `<object data="http://127.0.0.1:9/o"></object> <video src="http://127.0.0.1:9/v.mp4" poster="${file('secret.png')}"></video> <iframe src="http://[::1]:9/"></iframe>`,
        '',
        `Plain URLs: http://127.0.0.1:9/a https://localhost:9/b ftp://127.0.0.1:9/c ${file('secret.txt')} //127.0.0.1:9/d`,
        '',
      ].join('\n'),
      'markdown.md': [
        '---',
        'title: Markdown Images',
        'author: Mark Down',
        '---',
        '',
        `![a remote image](http://127.0.0.1:9/remote.png) and ![a local one](${file('secret.png')})`,
        '',
        `[a link](http://127.0.0.1:9/page) and <img src="http://127.0.0.1:9/raw.png"> and ![ref][r]`,
        '',
        `[r]: ${file('secret.png')}`,
        '',
      ].join('\n'),
    });
    log = join(dir, 'net.log');
    run = await runCli(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--json'], { preload: [preload], env: { ...baseEnv(), NET_LOG: log, CANARY: canary }, timeoutMs: 180_000 });
  }, 240_000);

  it('the build succeeds with both books', () => {
    expectNoCrash(run);
    expect(run.code, run.stderr.slice(0, 2000)).toBe(0);
    expect(listFiles(join(dir, 'out'))).toEqual(['in.epub', 'in.pdf']);
    expect(run.report!.stories.map((s) => s.title)).toEqual(expect.arrayContaining(['Remote Things', 'Markdown Images', 'Hostile <script>alert(1)</script> & Co']));
  });

  it('no socket, name lookup, request, fetch or child process was attempted', () => {
    expect(existsSync(log)).toBe(true); // the preload ran
    expect(readLog(log).filter((r) => !r.what.startsWith('fs'))).toEqual([]);
  });

  it('no file named in the story text was opened, and none was copied into the book', async () => {
    expect(readLog(log).filter((r) => r.what.startsWith('fs'))).toEqual([]);
    const entries = await epubEntries(join(dir, 'out', 'in.epub'));
    const images = [...entries.keys()].filter((k) => /\.(?:png|jpe?g|gif|svg|webp|css|mp4)$/iu.test(k));
    expect(images.sort()).toEqual(['OEBPS/cover.png', 'OEBPS/style.css']);
    for (const [k, v] of entries) {
      if (typeof v !== 'string') continue;
      // Resources an e-reader would load by itself; a plain link (<a href>) loads nothing until followed.
      expect(v, k).not.toMatch(/\s(?:src|data|poster|xlink:href)="(?:https?|ftp|file):/u);
      expect(v, k).not.toMatch(/<(?:link|image|item)\b[^>]*\shref="(?:https?|ftp|file):/u);
      // CSS that could load something: only the book's own style sheet, never a style element or attribute.
      expect(v, k).not.toMatch(/<style\b|\sstyle="/u);
      if (k.endsWith('.css')) expect(v, k).not.toMatch(/@import|url\(\s*["']?(?:https?|ftp|file|\/\/)/u);
    }
  });
});
