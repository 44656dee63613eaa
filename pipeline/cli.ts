import yargs from 'yargs';
import { buildAnthology, EXIT, UsageError } from './runner.js';
import { formatDiagnostic } from './diagnostics/index.js';
import { summaryLines } from './report/index.js';
import type { Diagnostic } from './model.js';

/** Where the CLI writes; injectable so tests can capture it. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/**
 * Runs the command line and returns the exit code: 0 success, 1 build
 * error, 2 usage or configuration error. User errors are one line each on
 * stderr, never a stack trace.
 */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName('anthologist')
    .usage('$0 <command> [options]')
    .command(
      'build [inputs..]',
      'Build the anthology as EPUB and PDF',
      (y) =>
        y
          .positional('inputs', { describe: 'Story files or folders', type: 'string', array: true, default: ['seeds'] })
          .option('output', { alias: 'o', describe: 'Output folder', type: 'string', default: 'output' })
          .option('format', { describe: 'Formats, comma-separated', type: 'string', default: 'epub,pdf' })
          .option('title', { describe: 'Anthology title (overrides anthology.yaml)', type: 'string' })
          .option('json', { describe: 'Print one JSON report on stdout', type: 'boolean', default: false })
          .option('verbose', { describe: 'Also show informational messages', type: 'boolean', default: false })
          .example('$0 build', 'Build output/<title>.epub and .pdf from seeds/')
          .example('$0 build stories/ -o dist --format epub --title "Winter Tales"', 'EPUB only, with a title')
          .example('$0 build --json > report.json', 'Machine-readable report for CI'),
      async (args) => {
        // With exitProcess(false) yargs still runs the handler after a validation failure.
        if (code === EXIT.usage) return;
        code = await build(args, io);
      },
    )
    .demandCommand(1, 'Name a command: build')
    .strict()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      io.err(`anthologist: ${err?.message ?? msg}\nRun "anthologist --help" for usage.\n`);
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
  return code;
}

interface BuildArgs {
  inputs: string[];
  output: string;
  format: string;
  title?: string;
  json: boolean;
  verbose: boolean;
}

async function build(args: BuildArgs, io: Io): Promise<number> {
  const formats = args.format.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  let result;
  try {
    result = await buildAnthology({ inputs: args.inputs, outDir: args.output, formats, title: args.title });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`anthologist: ${e.message}\n`);
    return EXIT.usage;
  }
  const { exitCode, report } = result;
  const shown = (d: Diagnostic) => args.verbose || d.severity !== 'info';
  for (const d of report.diagnostics.filter(shown)) io.err(`${formatDiagnostic(d)}\n`);
  if (args.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (exitCode === EXIT.ok) for (const l of summaryLines(report)) io.err(`${l}\n`);
  return exitCode;
}
