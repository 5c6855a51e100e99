import { runChaos } from './chaos-run';

/**
 * `npm run chaos -- [events]`: a chaos run through local mode (default 10,000 webhooks), printing the report as
 * JSON and exiting 1 when any event was lost, written twice or went backwards.
 */
async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(events) || events < 1)
    throw new Error(`events must be a whole number >= 1, got ${process.argv[2]}`);
  const report = await runChaos({ events, progress: (line) => process.stderr.write(`${line}\n`) });
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
