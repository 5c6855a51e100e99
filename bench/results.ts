import { arch, cpus, release, totalmem } from 'node:os';
import * as z from 'zod';
import type { FunctionColdStart } from './cold-start/cold-start-bench';
import type { CostResult } from './cost/cost-bench';
import type { E2eResult } from './e2e/e2e-bench';
import type { IngestResult } from './ingest/ingest-bench';
import type { ReadResult } from './read/read-bench';
import type { TransformResult } from './transform/transform-bench';

/** The machine a run measured, so figures from different machines are never compared as if alike. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly os: string;
}

/** Everything one `npm run bench` measured: what bench/results.json holds. */
export interface BenchResults {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly ingest: readonly IngestResult[];
  readonly functions: readonly FunctionColdStart[];
  readonly local: E2eResult;
  readonly transform: readonly TransformResult[];
  readonly cost: CostResult;
  readonly read: ReadResult;
}

/** This machine, described. */
export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cpus: processors.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()} ${arch()}`,
  };
}

const measured = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * The fields every results.json must have, so runs stay comparable over time; more fields are welcome. Checked
 * before the file is written, and by the unit tests against a sample.
 */
export const benchResultsSchema = z.object({
  ingest: z
    .array(z.object({ scheme: z.string().min(1), bodyBytes: z.number().int().positive(), ratio: measured }))
    .min(1),
  functions: z
    .array(
      z.object({
        name: z.string().min(1),
        bundleBytes: z.number().int().positive(),
        initMs: measured,
        bundleRatio: measured,
        initRatio: measured,
      }),
    )
    .min(1),
  local: z.object({
    events: z.number().int().positive(),
    eventsPerSecond: measured,
    ackP50Ms: measured,
    ackP99Ms: measured,
    deliveryP99Ms: measured,
    peakRssMb: measured,
    accepted: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
  }),
  transform: z.array(z.object({ source: z.string().min(1), recordsPerSecond: measured })).min(1),
  cost: z.object({
    mixes: z
      .array(
        z.object({
          mix: z.string().min(1),
          webhooks: z.number().int().positive(),
          costPerMillion: z.object({ total: measured }),
          floorPerMillion: measured,
          dynamodbWritesPerEvent: measured,
          sqsRequestsPerEvent: measured,
        }),
      )
      .min(1),
  }),
  read: z.object({ reads: z.number().int().positive(), p50Ms: measured, p99Ms: measured }),
});

/** Whether a value has the results.json shape; each problem names the field, e.g. `local.ackP99Ms`. */
export function checkResultsShape(value: unknown): { ok: true } | { ok: false; problems: string[] } {
  const result = benchResultsSchema.safeParse(value);
  if (result.success) return { ok: true };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
  };
}
