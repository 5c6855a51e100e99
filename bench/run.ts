import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadStageConfig } from '../config/load';
import { runColdStartBench, type FunctionColdStart } from './cold-start/cold-start-bench';
import { runCostBench, type CostResult } from './cost/cost-bench';
import { runE2eBench, type E2eResult } from './e2e/e2e-bench';
import { runIngestBench, type IngestResult } from './ingest/ingest-bench';
import { progressReporter } from './progress';
import { runReadBench, type ReadResult } from './read/read-bench';
import { costTable, functionsTable, ingestTable, localTable, readTable, renderReport, transformTable } from './report';
import { checkResultsShape, machineInfo, type BenchResults } from './results';
import { runTransformBench, type TransformResult } from './transform/transform-bench';

/**
 * `npm run bench`: the ingest path, the transform, cold starts, local mode end to end, the cost per webhook and the
 * read API, in that order, on this machine. Prints a report and writes bench/results.json. Options, for working on one figure:
 *   --only ingest,transform,cold-start,local,cost,read   run some (results.json is written only by a full run)
 *   --reads 1000                              reads of the read API
 *   --events 10000 --concurrency 16           the end-to-end load
 *   --cost-events 400                         webhooks per route mix in the cost runs
 *   --processes 15                            fresh processes per bundle for module init
 *   --profile                                 CPU profiles of local mode's threads, in .local/bench/profiles
 */

const BENCHMARKS = ['ingest', 'transform', 'cold-start', 'local', 'cost', 'read'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const PROJECT_ROOT = path.resolve(__dirname, '..');
const WORK_DIR = path.join(PROJECT_ROOT, '.local', 'bench');
const RESULTS_FILE = path.join(__dirname, 'results.json');

/** A command line the benchmark cannot run; shown without a stack trace. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      events: { type: 'string', default: '10000' },
      'cost-events': { type: 'string', default: '400' },
      reads: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '16' },
      processes: { type: 'string', default: '15' },
      profile: { type: 'boolean', default: false },
    },
  });
  const only = values.only?.split(',').map((name) => name.trim()) ?? [...BENCHMARKS];
  const unknown = only.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new UsageError(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  const count = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new UsageError(`--${name} must be a positive whole number, got ${text}`);
    return value;
  };
  return {
    only: new Set(only as Benchmark[]),
    events: count('events', values.events),
    costEvents: count('cost-events', values['cost-events']),
    reads: count('reads', values.reads),
    concurrency: count('concurrency', values.concurrency),
    processes: count('processes', values.processes),
    profile: values.profile,
  };
}

async function main(): Promise<void> {
  const chosen = options();
  const progressFor = progressReporter();
  const startedAt = new Date();
  const config = loadStageConfig('dev');
  let ingest: IngestResult[] | undefined;
  let transform: TransformResult[] | undefined;
  let functions: FunctionColdStart[] | undefined;
  let local: E2eResult | undefined;
  let cost: CostResult | undefined;
  let read: ReadResult | undefined;

  if (chosen.only.has('ingest')) ingest = runIngestBench(config, progressFor('ingest'));
  if (chosen.only.has('transform')) transform = runTransformBench(progressFor('transform'));
  if (chosen.only.has('cold-start')) {
    functions = await runColdStartBench(
      config,
      path.join(WORK_DIR, 'cold-start'),
      chosen.processes,
      progressFor('cold start'),
    );
  }
  if (chosen.only.has('local')) {
    const cpuProfileDir = chosen.profile
      ? path.join(WORK_DIR, 'profiles', startedAt.toISOString().replace(/:/g, '-'))
      : undefined;
    if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
    local = await runE2eBench({
      events: chosen.events,
      concurrency: chosen.concurrency,
      logLevel: 'WARN',
      stallMs: 30_000,
      drainDeadlineMs: 240_000,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
      progress: progressFor('local'),
    });
    if (cpuProfileDir)
      progressFor('local')(
        `CPU profiles in ${cpuProfileDir}; read them with: npx tsx bench/profile-summary.ts ${cpuProfileDir}`,
      );
  }

  if (chosen.only.has('cost')) {
    cost = await runCostBench({
      events: chosen.costEvents,
      concurrency: chosen.concurrency,
      keepRunsIn: path.join(WORK_DIR, 'cost'),
      progress: progressFor('cost'),
    });
  }

  if (chosen.only.has('read')) read = await runReadBench(chosen.reads, progressFor('read'));

  const durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  if (ingest && transform && functions && local && cost && read) {
    const results: BenchResults = {
      startedAt: startedAt.toISOString(),
      durationSeconds,
      machine: machineInfo(),
      ingest,
      functions,
      local,
      transform,
      cost,
      read,
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(renderReport(results));
    console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
    const shape = checkResultsShape(results);
    if (!shape.ok) {
      // A figure that could not be measured (nothing delivered has no latency) fails the run, visibly.
      console.error(`results.json lacks figures:\n  ${shape.problems.join('\n  ')}`);
      process.exitCode = 1;
    }
    return;
  }
  if (ingest) console.log(`Ingest\n${ingestTable(ingest)}\n`);
  if (transform) console.log(`Transform\n${transformTable(transform)}\n`);
  if (functions) console.log(`Cold start\n${functionsTable(functions)}\n`);
  if (local) console.log(`Local end to end\n${localTable(local)}\n`);
  if (cost) console.log(`Cost per million webhooks\n${costTable(cost)}\n`);
  if (read) console.log(`Read API\n${readTable(read)}\n`);
  console.log('(a partial run: bench/results.json is left as it was)');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
