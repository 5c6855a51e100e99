import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadStageConfig } from '../../config/load';
import { round } from '../stats';
import { benchConfig, ROUTE_MIXES, type RouteMix } from '../e2e/bench-config';
import { runE2eBench } from '../e2e/e2e-bench';
import type { RunUsage } from '../e2e/host-protocol';
import { PRICES } from './prices';
import { costPerMillion, designFloor, type CostPerMillion, type UsagePerWebhook } from './pricing';
import { deferralsPerHour, deferralUsage, outageCostPerThousandEventsHour, type DeferralUsage } from './outage';
import { AWS_CALL_WAIT_MS, cpuGbSecondsOf, PLATFORM_BYTES_PER_INVOCATION, usagePerWebhook } from './usage';

/** What one function kind did in a run: what right-sizing its memory reads. */
export interface FunctionKindUsage {
  readonly kind: string;
  readonly memoryMb: number;
  readonly invocations: number;
  /** Wall time per invocation in local mode: inflated by overlapping invocations and a shared machine's load. */
  readonly billedMsPerInvocation: number;
  /** CPU time per invocation of the function's thread: what is priced. */
  readonly cpuMsPerInvocation: number;
  /** The most memory any one of its functions' isolates held after an invocation (V8 heap and external memory). */
  readonly peakHeapMb: number;
  readonly logBytesPerInvocation: number;
}

/** The cost of one route mix (results.json `cost.mixes[]`). */
export interface MixCost {
  readonly mix: RouteMix;
  readonly webhooks: number;
  /** Destinations a webhook's events were routed to, on average (the floor's basis). */
  readonly destinationsPerWebhook: number;
  readonly deliveredEvents: number;
  readonly usagePerWebhook: UsagePerWebhook & { readonly idleReceives: number };
  readonly costPerMillion: CostPerMillion;
  /** DESIGN.md's target for this many destinations per webhook. */
  readonly floorPerMillion: number;
  /** Per downstream event delivered, as PERFORMANCE.md has reported them from the start. */
  readonly dynamodbWritesPerEvent: number;
  readonly dynamodbWriteUnitsPerEvent: number;
  readonly sqsRequestsPerEvent: number;
  readonly functions: readonly FunctionKindUsage[];
  /** Every webhook reached every destination it was routed to. */
  readonly complete: boolean;
}

export interface CostResult {
  /** The stage whose settings are priced (its tracing). */
  readonly stage: string;
  readonly tracing: 'active' | 'pass-through';
  readonly pricesChecked: string;
  readonly mixes: readonly MixCost[];
  /** One hour of a destination's outage with a thousand events waiting for it (the two-destination mix's connector). */
  readonly outage?: OutageCost;
}

export interface OutageCost {
  readonly destination: string;
  readonly deferralsPerEventHour: number;
  readonly perDeferral: DeferralUsage;
  readonly costPerThousandEventsHour: number;
}

function byKind(run: RunUsage): FunctionKindUsage[] {
  const kinds = new Map<string, FunctionKindUsage>();
  for (const fn of Object.values(run.functions)) {
    const seen = kinds.get(fn.kind);
    const invocations = (seen?.invocations ?? 0) + fn.invocations;
    const billedMs = (seen ? seen.billedMsPerInvocation * seen.invocations : 0) + fn.billedMs;
    const cpuMs = (seen ? seen.cpuMsPerInvocation * seen.invocations : 0) + fn.cpuMs;
    const logBytes = (seen ? seen.logBytesPerInvocation * seen.invocations : 0) + fn.logBytes;
    kinds.set(fn.kind, {
      kind: fn.kind,
      memoryMb: fn.memoryMb,
      invocations,
      billedMsPerInvocation: invocations > 0 ? billedMs / invocations : 0,
      cpuMsPerInvocation: invocations > 0 ? cpuMs / invocations : 0,
      peakHeapMb: Math.max(seen?.peakHeapMb ?? 0, fn.peakHeapBytes / 2 ** 20),
      logBytesPerInvocation: invocations > 0 ? logBytes / invocations : 0,
    });
  }
  return [...kinds.values()].map((kind) => ({
    ...kind,
    billedMsPerInvocation: round(kind.billedMsPerInvocation, 1),
    cpuMsPerInvocation: round(kind.cpuMsPerInvocation, 1),
    peakHeapMb: round(kind.peakHeapMb, 0),
    logBytesPerInvocation: round(kind.logBytesPerInvocation, 0),
  }));
}

const rounded = <T extends object>(values: T, digits: number): T =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value as number, digits)])) as T;

/**
 * Runs local mode once per route mix with the functions logging at INFO, as deployed, and prices what each webhook
 * used at the prod stage's settings.
 */
export async function runCostBench(options: {
  readonly events: number;
  readonly concurrency: number;
  readonly mixes?: readonly RouteMix[];
  /** Where to keep each mix's whole run (results, counts), for reading the figures again. */
  readonly keepRunsIn?: string;
  readonly progress: (line: string) => void;
}): Promise<CostResult> {
  const prod = loadStageConfig('prod');
  const tracing = prod.stage.tracing;
  const mixes: MixCost[] = [];
  let outageBasis: { run: RunUsage; mix: RouteMix } | undefined;
  for (const mix of options.mixes ?? ROUTE_MIXES) {
    options.progress(`${mix}: ${options.events} webhooks`);
    const run = await runE2eBench({
      events: options.events,
      concurrency: options.concurrency,
      logLevel: 'INFO',
      stallMs: 30_000,
      drainDeadlineMs: 240_000,
      mix,
      progress: (line) => options.progress(`${mix}: ${line}`),
    });
    if (options.keepRunsIn) {
      mkdirSync(options.keepRunsIn, { recursive: true });
      writeFileSync(path.join(options.keepRunsIn, `${mix}.json`), `${JSON.stringify(run, null, 2)}\n`);
    }
    // Webhooks the ingest functions enqueued, by their own count: on a loaded machine a webhook can be enqueued and
    // still be answered too late for the load generator, and its work is in the counts all the same.
    const webhooks = Math.max(run.accepted, run.metrics.webhookAccepted);
    const usage = usagePerWebhook(run.usage, webhooks, tracing);
    if (mix === 'two-destinations') outageBasis = { run: run.usage, mix };
    const destinationsPerWebhook = webhooks > 0 ? run.metrics.eventsMapped / webhooks : 0;
    const writeUnits = usage.dynamodbWriteUnits * webhooks;
    mixes.push({
      mix,
      webhooks,
      destinationsPerWebhook: round(destinationsPerWebhook, 2),
      deliveredEvents: run.downstreamEventsArrived,
      usagePerWebhook: rounded(usage, 4),
      costPerMillion: costPerMillion(usage, PRICES),
      floorPerMillion: designFloor(destinationsPerWebhook),
      dynamodbWritesPerEvent: run.awsCalls.dynamodbWritesPerEvent,
      dynamodbWriteUnitsPerEvent:
        run.downstreamEventsArrived > 0 ? round(writeUnits / run.downstreamEventsArrived, 2) : 0,
      sqsRequestsPerEvent: run.awsCalls.sqsRequestsPerEvent,
      functions: byKind(run.usage),
      complete: run.accepted > 0 && run.delivered === run.accepted,
    });
  }
  const outage = outageOf(outageBasis);
  return {
    stage: prod.stage.name,
    tracing,
    pricesChecked: PRICES.httpApiRequest.checked,
    mixes,
    ...(outage ? { outage } : {}),
  };
}

/** What an outage costs, from a run's connector: its CPU and log bytes per invocation and line, at its memory. */
function outageOf(basis: { run: RunUsage; mix: RouteMix } | undefined): OutageCost | undefined {
  if (!basis) return undefined;
  const connectors = Object.entries(basis.run.functions).filter(([, fn]) => fn.kind === 'connector');
  const [name, first] = connectors[0] ?? [];
  if (!name || !first) return undefined;
  const invocations = connectors.reduce((total, [, fn]) => total + fn.invocations, 0);
  const cpuMs = connectors.reduce((total, [, fn]) => total + fn.cpuMs, 0);
  const lines = connectors.reduce((total, [, fn]) => total + fn.logLines, 0);
  const bytes = connectors.reduce((total, [, fn]) => total + fn.logBytes, 0);
  if (invocations === 0 || lines === 0) return undefined;
  const destination = benchConfig(basis.mix).destinations.find((candidate) => `connector-${candidate.name}` === name);
  if (!destination) return undefined;
  const perDeferral = deferralUsage({
    batchSize: destination.batchSize,
    // A deferring invocation reads the circuit and changes the batch's visibility: two waits beside its CPU.
    invocationGbSeconds:
      cpuGbSecondsOf(cpuMs / invocations, first.memoryMb) + ((2 * AWS_CALL_WAIT_MS) / 1000) * (first.memoryMb / 1024),
    logBytesPerDeferral: bytes / lines,
    platformLogBytesPerInvocation: PLATFORM_BYTES_PER_INVOCATION,
  });
  const perHour = deferralsPerHour(destination);
  return {
    destination: destination.name,
    deferralsPerEventHour: round(perHour, 1),
    perDeferral: rounded(perDeferral, 6),
    costPerThousandEventsHour: outageCostPerThousandEventsHour(perDeferral, perHour, PRICES),
  };
}
