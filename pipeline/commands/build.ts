import { buildAnthology, EXIT, UsageError } from '../runner.js';
import type { OrderKey, PagePreset } from '../model.js';
import { counting, errorsOf, writeDiagnostics, type CommonArgs, type Io } from './shared.js';
import { writeJson } from './json.js';
import { diagnosticsOf, removedOf, storiesOf } from '../report/index.js';
import { usageDocumentOf } from './usage.js';
import { progressBar } from './progress.js';
import { summaryTable } from './summary.js';

/** The options of `anthologist build`. */
export interface BuildArgs extends CommonArgs {
  output: string;
  format: string;
  title?: string;
  language?: string;
  order?: OrderKey;
  page?: PagePreset;
  templates?: string;
  /** false: build from scratch (`--no-cache`). */
  cache?: boolean;
}

/**
 * `anthologist build`: the whole pipeline. On a terminal a progress bar runs
 * on stderr and a summary table closes; with --json one report goes to
 * stdout and only messages to stderr.
 */
export async function build(args: BuildArgs, io: Io, tty = Boolean(process.stderr.isTTY)): Promise<number> {
  const formats = args.format.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const bar = tty && !args.json && !args.quiet ? progressBar(io.err) : undefined;
  const started = performance.now();
  let result;
  try {
    result = await buildAnthology({
      inputs: args.inputs,
      outDir: args.output,
      formats,
      title: args.title,
      language: args.language,
      order: args.order,
      page: args.page,
      templates: args.templates,
      config: args.config,
      strict: args.strict,
      keepGoing: args.keepGoing,
      cache: args.cache,
      maxFileBytes: args.maxFileSize * 1024 * 1024,
      onProgress: bar?.update,
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`anthologist: ${e.message}\n`);
    if (args.json) await writeJson(io.out, usageDocumentOf('build', e.message));
    return EXIT.usage;
  } finally {
    bar?.clear();
  }
  const { exitCode, report } = result;
  // --quiet keeps errors only; --verbose adds informational messages. The report's are sorted already,
  // and walked from disk each time rather than held: a big book has hundreds of thousands.
  const counted = { errors: 0, warnings: 0 };
  const all = counting(diagnosticsOf(report), counted);
  await writeDiagnostics(io.err, args.quiet ? errorsOf(all) : all, args.verbose, args.color && tty);
  if (args.json) await writeJson(io.out, report, { stories: storiesOf(report), removed: removedOf(report), diagnostics: diagnosticsOf(report) });
  else if (exitCode === EXIT.ok && !args.quiet) for (const l of summaryTable(report, performance.now() - started, counted.warnings)) io.err(`${l}\n`);
  return exitCode;
}
