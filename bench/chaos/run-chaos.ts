import { createWriteStream } from 'node:fs';
import { runChaos } from './chaos-run';

/**
 * `npm run chaos -- [events] [--seed N] [--log FILE]`: a chaos run through local mode (default 10,000 webhooks,
 * seed 7), printing the report as JSON and exiting 1 when any event was lost, written twice or went backwards.
 * `--seed` picks another workload and fault sequence; `--log` writes every line the functions print to FILE, tagged
 * with the function's name, to trace what the report names.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args.splice(at, 2)[1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    return value;
  };
  const logFile = option('--log');
  const seed = Number(option('--seed') ?? 7);
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const events = Number(args[0] ?? 10_000);
  if (!Number.isInteger(events) || events < 1) throw new Error(`events must be a whole number >= 1, got ${args[0]}`);
  const log = logFile ? createWriteStream(logFile) : undefined;
  const report = await runChaos({
    events,
    seed,
    progress: (line) => process.stderr.write(`${line}\n`),
    ...(log ? { onFunctionOutput: (name: string, line: string) => log.write(`${name}\t${line}\n`) } : {}),
  }).finally(() => log?.end());
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const broken = Object.values(report.destinations).some(
    (outcome) => outcome.lost > 0 || outcome.duplicateWrites > 0 || outcome.regressions > 0,
  );
  process.exitCode = broken ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
