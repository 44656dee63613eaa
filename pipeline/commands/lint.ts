import { countLine, counting, errorsOf, load, writeDiagnostics, type CommonArgs, type Io } from './shared.js';
import { writeJson } from './json.js';

/**
 * `anthologist lint`: reads, parses, normalises and orders the stories
 * and checks them as the formats would (the PDF's fonts), without writing a
 * book, and prints every diagnostic on stdout (they are
 * lint's product, so a pipe or `> file` gets them), sorted by file, line and
 * column. `--json` prints them as one JSON array, informational ones included;
 * `--quiet` prints errors only.
 * Returns the exit code: 0 no errors, 1 errors, 2 usage or configuration
 * errors, 3 warnings under `--strict`.
 */
export async function lint(args: CommonArgs, io: Io): Promise<number> {
  // What a build would find only as it writes the PDF (characters no font has) is found here from the text.
  const { diagnostics, exitCode } = await load(args, { check: true });
  // Walked once, counted on the way: a big book's messages are read back from disk as they are written.
  const counted = { errors: 0, warnings: 0 };
  const all = counting(diagnostics, counted);
  if (args.json) await writeJson(io.out, all);
  // --quiet: errors only, and no closing count (the exit code says whether there were any).
  else await writeDiagnostics(io.out, args.quiet ? errorsOf(all) : all, args.verbose);
  if (!args.quiet) io.err(`anthologist lint: ${countLine(counted)}\n`);
  return exitCode;
}
