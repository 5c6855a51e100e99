import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { vendorWebhook } from '../../local/webhook-client';
import { percentiles, round } from '../stats';
import { benchConfig } from './bench-config';
import type { DrainReport, HostMessage, HostOptions, ParentMessage, PostedSummary, RunUsage } from './host-protocol';
import type { AwsCallsPerEvent } from './aws-calls';
import { postAll } from './load-generator';
import type { MetricReconciliation } from './metric-reconciliation';
import { workload } from './workload';

/** How the end-to-end run is shaped. */
export interface E2eOptions extends HostOptions {
  /** Webhooks in flight at once. */
  readonly concurrency: number;
  /** When set, the host process writes a CPU profile of every thread here (`--cpu-prof`). */
  readonly cpuProfileDir?: string;
  readonly progress: (line: string) => void;
}

/** The local end-to-end figures (results.json `local`). */
export interface E2eResult {
  readonly events: number;
  readonly concurrency: number;
  readonly logLevel: string;
  /** Accepted webhooks per second, from the first send to the last answer. */
  readonly eventsPerSecond: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  /** Webhook sent to the downstream request arrived, over every expected downstream request. */
  readonly deliveryP50Ms: number;
  readonly deliveryP99Ms: number;
  /** Delivered webhooks per second, from the first send to the last expected downstream arrival. */
  readonly deliveredEventsPerSecond: number;
  /** Peak resident set of the process hosting local mode (all functions' workers included). */
  readonly peakRssMb: number;
  readonly accepted: number;
  readonly delivered: number;
  readonly downstreamEventsExpected: number;
  readonly downstreamEventsArrived: number;
  readonly answeredByStatus: Readonly<Record<string, number>>;
  /** Log lines the functions wrote at the run's log level (warnings and errors at WARN). */
  readonly functionWarnings: number;
  /** Those lines by function and message, the most frequent first. */
  readonly functionWarningsByMessage: Readonly<Record<string, number>>;
  readonly metrics: MetricReconciliation;
  /** DynamoDB and SQS requests per downstream event delivered, counted at the local stand-ins. */
  readonly awsCalls: AwsCallsPerEvent;
  /** What the run used of everything AWS bills (the cost benchmark prices it). */
  readonly usage: RunUsage;
}

/** The host process ended or failed before answering. */
export class PipelineHostError extends Error {
  override readonly name = 'PipelineHostError';
}

function nextMessage<K extends HostMessage['kind']>(
  host: ChildProcess,
  kind: K,
  progress: (line: string) => void,
): Promise<Extract<HostMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HostMessage) => {
      if (message.kind === 'progress') return progress(message.line);
      if (message.kind === 'failed') return finish(() => reject(new PipelineHostError(message.error)));
      if (message.kind === kind) finish(() => resolve(message as Extract<HostMessage, { kind: K }>));
    };
    const onExit = (code: number | null) => finish(() => reject(new PipelineHostError(`host exited with ${code}`)));
    const finish = (settle: () => void) => {
      host.off('message', onMessage);
      host.off('exit', onExit);
      settle();
    };
    host.on('message', onMessage);
    host.on('exit', onExit);
  });
}

/**
 * Starts local mode in its own process and drives `events` signed webhooks at it from this one, then has the
 * host wait until every accepted webhook has reached each destination it routes to.
 */
export async function runE2eBench(options: E2eOptions): Promise<E2eResult> {
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  // The host is TypeScript run through tsx's loader, whoever started this process (tsx, jest, plain node).
  const host = fork(path.join(__dirname, 'pipeline-host.ts'), [], {
    execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href, ...profiling],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // Lambda runs Node.js 24; on an older local Node the SDK clients of local mode would print an upgrade notice.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const send = (message: ParentMessage) => host.send(message);
  try {
    const ready = nextMessage(host, 'ready', options.progress);
    send({
      kind: 'start',
      options: {
        events: options.events,
        logLevel: options.logLevel,
        stallMs: options.stallMs,
        drainDeadlineMs: options.drainDeadlineMs,
        ...(options.mix ? { mix: options.mix } : {}),
      },
    });
    const { webhookUrls, signingSecrets } = await ready;
    options.progress(`local mode up; posting ${options.events} webhooks, ${options.concurrency} at a time`);

    const sources = new Map(benchConfig().sources.map((source) => [source.name, source]));
    const payloads = workload(options.events);
    const step = Math.max(1, Math.floor(options.events / 10));
    const run = await postAll(
      options.events,
      options.concurrency,
      (index) => {
        const payload = payloads[index]!;
        const source = sources.get(payload.source)!;
        return vendorWebhook(source, webhookUrls[source.name]!, signingSecrets[source.name]!, payload.body, {
          eventType: payload.eventType,
          ...(payload.scheme ? { scheme: payload.scheme } : {}),
        });
      },
      (done) => {
        if (done % step === 0) options.progress(`answered ${done}/${options.events}`);
      },
    );
    const postingSeconds = (run.finishedAtMs - run.startedAtMs) / 1000;
    options.progress(`all answered in ${postingSeconds.toFixed(1)} s; waiting for deliveries`);

    const answeredByStatus: Record<string, number> = {};
    const accepted: PostedSummary[] = [];
    for (const posted of run.posted) {
      answeredByStatus[posted.status] = (answeredByStatus[posted.status] ?? 0) + 1;
      if (posted.status === 202 && posted.correlationId) {
        accepted.push({
          index: posted.index,
          correlationId: posted.correlationId,
          sentAtEpochMs: posted.sentAtEpochMs,
        });
      }
    }
    const drained = nextMessage(host, 'drained', options.progress);
    send({ kind: 'posted', accepted });
    const report: DrainReport = (await drained).report;

    const ack = percentiles(
      run.posted.map((posted) => posted.answeredAtMs - posted.sentAtMs),
      [50, 99],
    );
    const firstSentEpochMs = Math.min(...run.posted.map((posted) => posted.sentAtEpochMs));
    const deliverySeconds = ((report.lastArrivalEpochMs ?? firstSentEpochMs) - firstSentEpochMs) / 1000;
    return {
      events: options.events,
      concurrency: options.concurrency,
      logLevel: options.logLevel,
      eventsPerSecond: round(accepted.length / postingSeconds, 0),
      ackP50Ms: round(ack[50]),
      ackP99Ms: round(ack[99]),
      deliveryP50Ms: report.deliveryP50Ms,
      deliveryP99Ms: report.deliveryP99Ms,
      deliveredEventsPerSecond: deliverySeconds > 0 ? round(report.delivered / deliverySeconds, 0) : 0,
      peakRssMb: report.peakRssMb,
      accepted: accepted.length,
      delivered: report.delivered,
      downstreamEventsExpected: report.downstreamEventsExpected,
      downstreamEventsArrived: report.downstreamEventsArrived,
      answeredByStatus,
      functionWarnings: report.functionWarnings,
      functionWarningsByMessage: report.functionWarningsByMessage,
      metrics: report.metrics,
      awsCalls: report.awsCalls,
      usage: report.usage,
    };
  } finally {
    if (host.connected) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      send({ kind: 'stop' });
      await exited;
    }
  }
}
