import type { CliEnvironment } from '../../cli/main';
import { run } from '../../cli/main';

/** A command line run in-process, its output captured. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export function cliRunner(env: Omit<CliEnvironment, 'output'>): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(args, {
      ...env,
      output: { out: (text) => out.push(text), err: (text) => err.push(text), colour: false },
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

/** The JSON a `--json` run printed. */
export function jsonOf<T>(result: CliRun): T {
  if (result.code !== 0) throw new Error(`command failed (${result.code}): ${result.err}`);
  return JSON.parse(result.out) as T;
}
