import { main } from '../../pipeline/cli.js';

/** Runs the CLI in-process with its output captured: exit code, stdout and stderr. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}
