import * as path from 'node:path';
import { loadStageConfig } from '../../config/load';
import type { InterchangeConfig } from '../../config/schema';
import { startLocalPipeline, type LocalPipeline } from '../../local/pipeline';
import { vendorWebhook } from '../../local/webhook-client';
import { percentiles, round } from '../stats';
import { tallyDeliveries, type AcceptedWebhook } from './delivery-tally';
import { expectedDeliveries } from './expected-deliveries';
import { postAll } from './load-generator';
import { reconcileMetrics, type MetricReconciliation } from './metric-reconciliation';
import { waitForDeliveries } from './wait-for-deliveries';
import { workload } from './workload';

/** How the end-to-end run is shaped. */
export interface E2eOptions {
  readonly events: number;
  /** Webhooks in flight at once. */
  readonly concurrency: number;
  /** Log level inside the functions; WARN keeps the per-event INFO lines out of the measurement. */
  readonly logLevel: 'WARN' | 'SILENT';
  /** How long delivery may make no progress before the run gives up on the rest. */
  readonly stallMs: number;
  readonly progress: (line: string) => void;
}

/** The local end-to-end figures (results.json `local`). */
export interface E2eResult {
  readonly events: number;
  readonly concurrency: number;
  readonly logLevel: string;
  readonly eventsPerSecond: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly deliveryP50Ms: number;
  readonly deliveryP99Ms: number;
  readonly endToEndEventsPerSecond: number;
  readonly peakRssMb: number;
  readonly accepted: number;
  readonly delivered: number;
  readonly expectedRequests: number;
  readonly arrivedRequests: number;
  readonly answeredByStatus: Record<string, number>;
  readonly metrics: MetricReconciliation;
}

/**
 * The dev topology with every destination's send-rate ceiling at the configuration's maximum: the benchmark
 * measures the pipeline, not the vendors' configured limits (at 2 requests/s the storefront alone would take
 * minutes). Concurrency caps, batch sizes and everything else stay as configured.
 */
export function benchConfig(): InterchangeConfig {
  const config = loadStageConfig('dev');
  return { ...config, destinations: config.destinations.map((destination) => ({ ...destination, requestsPerSecond: 10_000 })) };
}

/** Runs local mode in this process and drives `events` signed webhooks through it to the fake downstreams. */
export async function runE2eBench(options: E2eOptions): Promise<E2eResult> {
  const pipeline = await startLocalPipeline({
    config: benchConfig(),
    port: 0,
    logLevel: options.logLevel,
    workDir: path.resolve(__dirname, '..', '..', '.local', 'bench'),
  });
  try {
    return await drive(pipeline, options);
  } finally {
    await pipeline.close();
  }
}

async function drive(pipeline: LocalPipeline, options: E2eOptions): Promise<E2eResult> {
  const payloads = workload(options.events);
  const expected = await Promise.all(payloads.map((payload) => expectedDeliveries(pipeline.config, payload)));
  for (const payload of payloads) {
    for (const [recordPath, body] of Object.entries(payload.sourceRecords)) {
      pipeline.sourceApis.get(payload.source)?.setRecord(recordPath, body);
    }
  }
  const webhooks = payloads.map((payload) => {
    const source = pipeline.config.sources.find((candidate) => candidate.name === payload.source)!;
    const secret = pipeline.topology.signingSecrets.get(source.name)!;
    return vendorWebhook(source, pipeline.webhookUrl(source.name), secret, payload.body, { eventType: payload.eventType });
  });

  const step = Math.max(1, Math.floor(options.events / 10));
  const run = await postAll(webhooks, options.concurrency, (done) => {
    if (done % step === 0) options.progress(`posted ${done}/${options.events}`);
  });
  const answeredByStatus: Record<string, number> = {};
  const accepted: AcceptedWebhook[] = [];
  for (const posted of run.posted) {
    answeredByStatus[posted.status] = (answeredByStatus[posted.status] ?? 0) + 1;
    if (posted.status === 202 && posted.correlationId) {
      accepted.push({ correlationId: posted.correlationId, sentAtEpochMs: posted.sentAtEpochMs, expected: expected[posted.index]! });
    }
  }
  const postingSeconds = (run.finishedAtMs - run.startedAtMs) / 1000;
  options.progress(`all answered in ${postingSeconds.toFixed(1)} s; waiting for deliveries`);

  const tally = await waitForDeliveries(() => tallyDeliveries(accepted, arrivalsAt(pipeline)), {
    stallMs: options.stallMs,
    progress: options.progress,
  });
  const firstSentEpochMs = Math.min(...run.posted.map((posted) => posted.sentAtEpochMs));
  const ack = percentiles(
    run.posted.map((posted) => posted.answeredAtMs - posted.sentAtMs),
    [50, 99],
  );
  const delivery = tally.latenciesMs.length > 0 ? percentiles(tally.latenciesMs, [50, 99]) : { 50: NaN, 99: NaN };
  const endToEndSeconds = ((tally.lastArrivalEpochMs ?? firstSentEpochMs) - firstSentEpochMs) / 1000;
  return {
    events: options.events,
    concurrency: options.concurrency,
    logLevel: options.logLevel,
    eventsPerSecond: round(accepted.length / postingSeconds, 0),
    ackP50Ms: round(ack[50]),
    ackP99Ms: round(ack[99]),
    deliveryP50Ms: round(delivery[50]),
    deliveryP99Ms: round(delivery[99]),
    endToEndEventsPerSecond: endToEndSeconds > 0 ? round(tally.delivered / endToEndSeconds, 0) : 0,
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    accepted: accepted.length,
    delivered: tally.delivered,
    expectedRequests: tally.expectedRequests,
    arrivedRequests: tally.arrivedRequests,
    answeredByStatus,
    metrics: reconcileMetrics(pipeline.metrics),
  };
}

function arrivalsAt(pipeline: LocalPipeline) {
  const arrivals = new Map<string, { correlationId: string | undefined; receivedAt: number }[]>();
  for (const [name, downstream] of pipeline.downstreams) {
    arrivals.set(
      name,
      downstream.accepted().map((request) => {
        const header = request.headers['x-correlation-id'];
        return { correlationId: Array.isArray(header) ? header[0] : header, receivedAt: request.receivedAt };
      }),
    );
  }
  return arrivals;
}
