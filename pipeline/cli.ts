import yargs, { type Argv } from 'yargs';
import { EXIT, UsageError } from './runner.js';
import type { Io } from './commands/shared.js';
import { build } from './commands/build.js';
import { ORDER_KEYS, PAGE_PRESETS } from './config/index.js';
import { lint } from './commands/lint.js';
import { inspect } from './commands/inspect.js';
import { init } from './commands/init.js';
import { usageDocument } from './commands/usage.js';

export type { Io } from './commands/shared.js';

/** The first error writing stdout or stderr other than a reader that stopped early: the command failed to give its output. */
let writeFailure: { stream: string; error: NodeJS.ErrnoException } | undefined;

/**
 * Writes to a stream; when it has more waiting than it wants (a pipe its
 * reader is slow to empty), a promise of its 'drain'. A reader that stops
 * early (`--json | head`) ends the pipe: what is left is not written, and
 * the command ends with its own exit code, where node would stop with an
 * unhandled EPIPE error and its stack. Any other error (a full disk, an
 * I/O error) stops the writing too, and `main` says so and fails.
 */
function toStream(stream: NodeJS.WriteStream, name: string): Io['out'] {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== 'EPIPE') writeFailure ??= { stream: name, error: e };
    // A write waiting for 'drain' would wait for ever.
    stream.emit('drain');
  });
  // A file's write fails at once, before `write` returns: nothing will drain then.
  return (s) => (closed || stream.write(s) || closed ? undefined : new Promise<void>((resolve) => stream.once('drain', resolve)));
}

const stdio: Io = { out: toStream(process.stdout, 'stdout'), err: toStream(process.stderr, 'stderr') };

/** The inputs and the options of reading: every command that reads stories takes them the same way. */
function storyInputs<T>(y: Argv<T>) {
  return y
    .positional('inputs', { describe: 'Story files or folders', type: 'string', array: true, default: ['seeds'] })
    .option('config', { describe: 'anthology.yaml to use instead of the one beside the stories', type: 'string', requiresArg: true })
    .option('strict', { describe: 'Treat warnings as errors (exit 3, no book written)', type: 'boolean', default: false })
    .option('keep-going', { describe: 'Skip empty, binary, unreadable or too large story files with a warning instead of failing', type: 'boolean', default: false })
    .option('max-file-size', { describe: 'Largest story file to read, in MiB', type: 'number', default: 16, requiresArg: true });
}

/**
 * Runs the command line and returns the exit code: 0 success, 1 build
 * error, 2 usage or configuration error. User errors are one line each on
 * stderr, never a stack trace.
 */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok;
  // With exitProcess(false) yargs still runs a handler after a validation failure: skip it then.
  const run = async (command: () => Promise<number>) => {
    if (code !== EXIT.usage) code = await command();
  };
  const parser = yargs(argv)
    .scriptName('anthologist')
    .usage('$0 <command> [options]')
    // Options given here are global: every command takes them.
    .option('json', { describe: 'Print machine-readable JSON on stdout', type: 'boolean', default: false })
    .option('verbose', { describe: 'Also show informational messages', type: 'boolean', default: false })
    .option('quiet', { describe: 'Show errors only: no warnings, progress or summary', type: 'boolean', default: false })
    .option('color', { describe: 'Colour severities on a terminal (--no-color to turn off)', type: 'boolean', default: true })
    .command(
      'build [inputs..]',
      'Build the anthology as EPUB and PDF',
      (y) =>
        storyInputs(y)
          .option('output', { alias: 'o', describe: 'Output folder', type: 'string', default: 'output' })
          .option('format', { describe: 'Formats, comma-separated', type: 'string', default: 'epub,pdf' })
          .option('title', { describe: 'Anthology title (overrides anthology.yaml)', type: 'string', requiresArg: true })
          .option('language', { describe: 'Book language, a BCP 47 tag (overrides anthology.yaml)', type: 'string', requiresArg: true })
          .option('order', { describe: 'Story order (overrides anthology.yaml)', choices: ORDER_KEYS })
          .option('page', { describe: 'PDF page preset (overrides anthology.yaml)', choices: PAGE_PRESETS })
          .option('templates', { describe: 'Folder of templates that replace the defaults file by file', type: 'string', requiresArg: true })
          .option('cache', { describe: 'Reuse unchanged stories\' work from <output>/.anthologist-cache (--no-cache: build from scratch; same bytes either way)', type: 'boolean', default: true })
          .example('$0 build', 'Build output/<title>.epub and .pdf from seeds/')
          .example('$0 build stories/ --order author --page 6x9', 'Stories by author, PDF for a 6×9 in paperback')
          .example('$0 build --strict', 'Fail (exit 3) on any warning, e.g. in CI')
          .example('$0 build --templates my-templates/', 'Use my-templates/*.hbs where present, the defaults elsewhere')
          .example('$0 build stories/ -o dist --format epub --title "Winter Tales"', 'EPUB only, with a title')
          .example('$0 build --keep-going', 'Skip unusable files (empty, binary) with a warning')
          .example('$0 build --json > report.json', 'Machine-readable report for CI'),
      (args) => run(() => build(args, io)),
    )
    .command(
      'lint [inputs..]',
      'Check the stories and print every diagnostic on stdout; writes no book',
      (y) =>
        storyInputs(y)
          .example('$0 lint', 'Check seeds/: file:line:col severity message [code]')
          .example('$0 lint stories/ --verbose', 'Include informational messages')
          .example('$0 lint --json > lint.json', 'All diagnostics as one JSON array'),
      (args) => run(() => lint(args, io)),
    )
    .command(
      'inspect [inputs..]',
      'Show what was detected in each story and from which lines',
      (y) =>
        storyInputs(y)
          .example('$0 inspect stories/', 'Title, authors, notes, chapters… per story, with line numbers')
          .example('$0 inspect a.txt --json', 'One JSON document { stories, diagnostics }'),
      (args) => run(() => inspect(args, io)),
    )
    .command(
      'init [inputs..]',
      'Write anthology.yaml listing the stories and their detected metadata, for the editor to correct',
      (y) =>
        storyInputs(y)
          .option('force', { describe: 'Overwrite an existing anthology.yaml', type: 'boolean', default: false })
          .option('strict', { describe: 'Treat warnings as errors (exit 3, anthology.yaml not written)', type: 'boolean', default: false })
          .example('$0 init stories/', 'Write stories/anthology.yaml')
          .example('$0 init stories/ --force', 'Write it again over the existing one'),
      (args) => run(() => init(args, io)),
    )
    // Story files named after `--` (a name that starts with a dash) are left in `_` by yargs: they are inputs too.
    .middleware((parsed) => {
      const extra = parsed._.slice(1).map(String);
      if (extra.length === 0 || !Array.isArray(parsed.inputs)) return;
      const before = argv.slice(0, Math.max(0, argv.indexOf('--')));
      const defaulted = parsed.inputs.length === 1 && parsed.inputs[0] === 'seeds' && !before.includes('seeds');
      parsed.inputs = [...(defaulted ? [] : (parsed.inputs as string[])), ...extra];
    })
    .check((argv) => {
      // NaN would switch the limit off, and 0 or less would refuse every file.
      const max = argv.maxFileSize as number | undefined;
      if (max !== undefined && !(max > 0)) throw new UsageError('--max-file-size must be a positive number of MiB');
      // An empty list would quietly mean every format.
      const format = argv.format as string | undefined;
      if (format !== undefined && !format.split(',').some((f) => f.trim() !== '')) throw new UsageError('--format needs at least one format (epub, pdf)');
      return true;
    })
    .demandCommand(1, 'Name a command: build, lint, inspect or init')
    .strict()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      const message = err?.message ?? msg;
      io.err(`anthologist: ${message}\nRun "anthologist --help" for usage.\n`);
      const document = usageDocument(argv, message);
      if (document !== undefined) io.out(`${JSON.stringify(document, null, 2)}\n`);
      code = EXIT.usage;
    });
  try {
    // With a callback yargs prints nothing itself: help and version text come back here.
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      if (output) io.out(`${output}\n`);
    });
  } catch (e) {
    io.err(`anthologist: internal error: ${(e as Error).message}\n`);
    if (process.env.ANTHOLOGIST_DEBUG) io.err(`${(e as Error).stack}\n`);
    return EXIT.build;
  }
  return io === stdio ? await afterWriting(code) : code;
}

/** The exit code once the output is written: a command whose output could not be written failed (exit 1), saying why on stderr if it can. */
async function afterWriting(code: number): Promise<number> {
  // A file's failed write is reported on the next tick: the command's last line may just have failed.
  await new Promise((resolve) => setImmediate(resolve));
  if (writeFailure === undefined) return code;
  const { stream, error } = writeFailure;
  if (stream !== 'stderr') stdio.err(`anthologist: cannot write to ${stream}: ${error.code ?? error.message}${error.code ? ` (${describeErrno(error)})` : ''}\n`);
  return code === EXIT.ok ? EXIT.build : code;
}

/** "no space left on device" for ENOSPC: node's message without the code and the call. */
const describeErrno = (e: NodeJS.ErrnoException): string => e.message.replace(/^[A-Z]+: /u, '').replace(/, \w+$/u, '');
