import { createWriteStream } from 'node:fs';
import { runChaos } from './chaos-run';

/**
 * `npm run chaos -- [events] [--log FILE]`: a chaos run through local mode (default 10,000 webhooks), printing the
 * report as JSON and exiting 1 when any event was lost, written twice or went backwards. `--log` writes every line
 * the functions print to FILE, tagged with the function's name, to trace what the report names.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const logAt = args.indexOf('--log');
  const logFile = logAt >= 0 ? args.splice(logAt, 2)[1] : undefined;
  if (logAt >= 0 && !logFile) throw new Error('--log needs a file');
  const events = Number(args[0] ?? 10_000);
  if (!Number.isInteger(events) || events < 1) throw new Error(`events must be a whole number >= 1, got ${args[0]}`);
  const log = logFile ? createWriteStream(logFile) : undefined;
  const report = await runChaos({
    events,
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
