import * as path from 'node:path';
import { startLocalPipeline, type LocalPipeline } from '../../local/pipeline';
import { percentiles, round } from '../stats';
import { awsCallsPerEvent } from './aws-calls';
import { benchConfig } from './bench-config';
import { CORRELATION_HEADER } from '../../lambdas/shared/correlation';
import { correlationIdsOf, tallyDeliveries, type AcceptedWebhook, type ArrivedRequest } from './delivery-tally';
import { expectedDeliveries, type ExpectedDeliveries } from './expected-deliveries';
import { FunctionWarnings } from './function-warnings';
import type { DrainReport, HostMessage, HostOptions, ParentMessage, PostedSummary } from './host-protocol';
import { reconcileMetrics } from './metric-reconciliation';
import { waitForDeliveries } from './wait-for-deliveries';
import { workload } from './workload';

/**
 * The process that hosts local mode for the end-to-end benchmark: it starts the pipeline, gives the load side
 * the webhook URLs and secrets, and once told what was accepted, watches the fake downstreams until every
 * accepted webhook is delivered. Started by e2e-bench.ts with an IPC channel; never run by hand.
 */

const tell = (message: HostMessage) => process.send?.(message);
const progress = (line: string) => tell({ kind: 'progress', line });

let pipeline: LocalPipeline | undefined;
let expected: ExpectedDeliveries[] = [];
let options: HostOptions | undefined;
const warnings = new FunctionWarnings();

async function start(requested: HostOptions): Promise<void> {
  options = requested;
  pipeline = await startLocalPipeline({
    config: benchConfig(requested.mix),
    port: 0,
    logLevel: requested.logLevel,
    workDir: path.resolve(__dirname, '..', '..', '.local', 'bench', 'e2e'),
    onFunctionOutput: (name, line) => warnings.accept(name, line),
  });
  const payloads = workload(requested.events);
  for (const payload of payloads) {
    for (const [recordPath, body] of Object.entries(payload.sourceRecords)) {
      pipeline.sourceApis.get(payload.source)?.setRecord(recordPath, body);
    }
  }
  const running = pipeline;
  expected = await Promise.all(payloads.map((payload) => expectedDeliveries(running.config, payload)));
  tell({
    kind: 'ready',
    webhookUrls: Object.fromEntries(
      running.config.sources.map((source) => [source.name, running.webhookUrl(source.name)]),
    ),
    signingSecrets: Object.fromEntries(running.topology.signingSecrets),
  });
}

function arrivalsAt(running: LocalPipeline): Map<string, ArrivedRequest[]> {
  const arrivals = new Map<string, ArrivedRequest[]>();
  for (const [name, downstream] of running.downstreams) {
    arrivals.set(
      name,
      downstream.accepted().map((request) => {
        const header = request.headers[CORRELATION_HEADER];
        const correlationId = Array.isArray(header) ? header[0] : header;
        return { correlationIds: correlationIdsOf(correlationId, request.json), receivedAt: request.receivedAt };
      }),
    );
  }
  return arrivals;
}

async function drain(accepted: readonly PostedSummary[]): Promise<DrainReport> {
  const running = pipeline!;
  const webhooks: AcceptedWebhook[] = accepted.map((posted) => ({
    correlationId: posted.correlationId,
    sentAtEpochMs: posted.sentAtEpochMs,
    expected: expected[posted.index]!,
  }));
  const tally = await waitForDeliveries(() => tallyDeliveries(webhooks, arrivalsAt(running)), {
    stallMs: options!.stallMs,
    deadlineEpochMs: Date.now() + options!.drainDeadlineMs,
    progress,
  });
  const latency = tally.latenciesMs.length > 0 ? percentiles(tally.latenciesMs, [50, 99]) : { 50: NaN, 99: NaN };
  return {
    delivered: tally.delivered,
    pending: tally.pending,
    downstreamEventsExpected: tally.downstreamEventsExpected,
    downstreamEventsArrived: tally.downstreamEventsArrived,
    deliveryP50Ms: round(latency[50]),
    deliveryP99Ms: round(latency[99]),
    lastArrivalEpochMs: tally.lastArrivalEpochMs,
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    functionWarnings: warnings.total,
    functionWarningsByMessage: warnings.byMessage(),
    metrics: reconcileMetrics(running.metrics),
    awsCalls: awsCallsPerEvent(running.awsCalls(), tally.downstreamEventsArrived),
    usage: { calls: running.awsCalls(), units: running.awsUnits(), functions: running.functionUsage() },
  };
}

async function answer(message: ParentMessage): Promise<void> {
  switch (message.kind) {
    case 'start':
      return start(message.options);
    case 'posted':
      tell({ kind: 'drained', report: await drain(message.accepted) });
      return;
    case 'stop':
      await pipeline?.close();
      process.exit(0);
  }
}

process.on('message', (message: ParentMessage) => {
  answer(message).catch((error: unknown) => {
    tell({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  });
});
process.on('disconnect', () => {
  void pipeline?.close().finally(() => process.exit(process.exitCode ?? 0));
});
