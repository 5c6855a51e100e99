import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { InterchangeConfig } from '../../config/schema';
import { depth } from '../../local/observe/pipeline-snapshot';
import { startLocalPipeline, type LocalPipeline } from '../../local/pipeline';
import type { ReceivedRequest } from '../../local/downstream/traffic-log';
import type { FaultPlan } from '../../local/downstream/fault-plan';
import { ShipBobOrders } from '../../local/downstream/shipbob-orders';
import { seededRandom } from '../../local/downstream/seeded-random';
import { postWebhook, vendorWebhook, type VendorWebhook } from '../../local/webhook-client';
import { e2eConfig, erpItemUpdate, erpWebhook, storefrontOrder } from '../../test/e2e/helpers/harness';

/** How a chaos run is shaped. */
export interface ChaosOptions {
  /** Webhooks to send (vendor retries come on top). */
  readonly events: number;
  readonly seed?: number;
  /** Webhooks in flight at once. */
  readonly concurrency?: number;
  /**
   * How long to wait for every queue to drain once the faults are lifted (default 30 minutes): a record that failed
   * often waits up to the connector's longest retry delay, 15 minutes, before its next attempt.
   */
  readonly settleTimeoutMs?: number;
  readonly progress?: (line: string) => void;
  /** Every line the functions print (at INFO), for tracing a subject that went backwards; none when absent. */
  readonly onFunctionOutput?: (functionName: string, line: string) => void;
}

/** A write that took a subject backwards: the version it wrote, and the newer one the destination had before. */
export interface Regression {
  readonly subject: string;
  readonly version: number;
  readonly eventId?: string;
  readonly receivedAt: number;
  readonly answeredAt?: number;
  readonly after: { readonly version: number; readonly eventId?: string; readonly answeredAt?: number };
}

/** What one destination shows at the end of a run. */
export interface DestinationOutcome {
  /** Subjects (or, for appends, events) the run sent there. */
  readonly expected: number;
  /** Writes that took effect (replays of an Idempotency-Key already written are not writes). */
  readonly writes: number;
  /**
   * Events sent again after a send whose answer never came, absorbed by the destination's own deduplication: a
   * request repeating an Idempotency-Key already written, or (analytics) a message id the platform already has.
   */
  readonly absorbed: number;
  /** Event ids written more than once, after the destination's own deduplication. */
  readonly duplicateWrites: number;
  /** Subjects whose applied version went down at some point. */
  readonly regressions: number;
  /** Each of those writes, for tracing them in the functions' logs. */
  readonly regressed?: readonly Regression[];
  /** Subjects not at their newest version, and appended events never written, that are not dead-lettered either. */
  readonly lost: number;
  /** Dead letters by reason. */
  readonly deadLettered: Readonly<Record<string, number>>;
  /** Records the connector handled (delivered, dropped, deferred or dead-lettered): each is one SQS receive. */
  readonly receives: number;
  /** Those receives by how each ended, as the connector's metrics name it. */
  readonly receivesBy: Readonly<Record<string, number>>;
}

export interface ChaosReport {
  readonly webhooks: number;
  readonly vendorRetries: number;
  readonly accepted: number;
  readonly faultChanges: number;
  readonly durationSeconds: number;
  /** How long the webhook API took to answer (each vendor attempt), in ms, and how long local mode's thread stalled. */
  readonly ingest: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly loopStallMaxMs: number;
  };
  readonly destinations: Readonly<Record<string, DestinationOutcome>>;
}

const FAULT_ROTATION_MS = 1_500;
/** Destinations whose subjects are ordered, with how to read a request's subject and version. */
const STATEFUL: Readonly<
  Record<string, (request: ReceivedRequest) => { subject: string; version: number } | undefined>
> = {
  erp: (request) => {
    const body = request.json as { externalId?: string; version?: number } | undefined;
    return body?.externalId && body.version !== undefined
      ? { subject: body.externalId, version: body.version }
      : undefined;
  },
  crm: (request) => {
    const input = (request.json as { inputs?: { id: string; properties: Record<string, string> }[] } | undefined)
      ?.inputs?.[0];
    const version = Number(input?.properties.interchange_version);
    return input && Number.isFinite(version) ? { subject: input.id, version } : undefined;
  },
  storefront: (request) => {
    const body = request.json as { sku?: string; available?: number } | undefined;
    return body?.sku && body.available !== undefined ? { subject: body.sku, version: body.available } : undefined;
  },
};

/** Scaled time so a run settles in minutes: one-second retries and cooldowns, a horizon long enough to outlast the chaos. */
function chaosConfig(): InterchangeConfig {
  const config = e2eConfig(25);
  return {
    ...config,
    destinations: config.destinations.map((destination) => ({
      ...destination,
      requestTimeoutMs: 1_000,
      // The fence must outlast the longest a timed-out write can stay in flight at the destination: the slow fault
      // answers after 1.5 s, but the fakes share local mode's main thread, which a loaded machine stalls for seconds.
      writeFenceSeconds: 10,
      retryHorizonSeconds: 1_800,
      requestsPerSecond: Math.max(destination.requestsPerSecond, 20),
    })),
  };
}

/** The fault a destination gets for the next stretch: none, 5xx, answers slower than the timeout, an outage, a 429 bucket. */
function nextFault(random: () => number, nowMs: number): FaultPlan {
  const pick = Math.floor(random() * 5);
  if (pick === 1) return { errorRate: 0.3, errorStatus: 503 };
  if (pick === 2) return { latencyMs: 1_500 };
  if (pick === 3) return { outageUntil: nowMs + 3_000 };
  if (pick === 4) return { rateLimit: { requestsPerSecond: 5, retryAfterSeconds: 1 } };
  return {};
}

interface Sent {
  /**
   * Signs the webhook now, as a vendor signs each attempt: Standard Webhooks (the ERP) refuses a timestamp more than
   * 300 s old, and a long run sends for longer than that. The ids stay those of the one change.
   */
  readonly sign: () => VendorWebhook;
  readonly kind: 'order' | 'stock';
  readonly subject: string;
  readonly version: number;
}

/**
 * Sends `events` webhooks (orders of a few dozen entities in several versions each, and stock levels of a few dozen
 * SKUs) through local mode while every destination's fault changes every 1.5 s, with 1% of webhooks sent again as
 * the vendor retries them; then lifts the faults, waits for every queue to drain and checks, per destination: no
 * event lost (each subject at its newest version, each appended event written, or dead-lettered with a reason), no
 * event id written twice, no subject ever going backwards.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const random = seededRandom(options.seed ?? 7);
  const progress = options.progress ?? (() => undefined);
  const started = Date.now();
  const pipeline = await startLocalPipeline({
    config: chaosConfig(),
    port: 0,
    ...(options.onFunctionOutput
      ? { logLevel: 'INFO', onFunctionOutput: options.onFunctionOutput }
      : { logLevel: 'SILENT' }),
  });
  let faultChanges = 0;
  const rotate = setInterval(() => {
    for (const downstream of pipeline.downstreams.values()) {
      downstream.setFaults(nextFault(random, Date.now()));
      faultChanges += 1;
    }
  }, FAULT_ROTATION_MS);
  try {
    const sent = workload(pipeline, options.events, random);
    const retries = sent.filter(() => random() < 0.01);
    progress(
      `local mode up after ${Math.round((Date.now() - started) / 1000)} s; sending ${sent.length} webhooks and ${retries.length} vendor retries`,
    );
    const posting = { answered: 0, latenciesMs: [] as number[] };
    const stall = monitorEventLoopDelay({ resolution: 20 });
    stall.enable();
    const ticker = setInterval(() => {
      const recent = [...posting.latenciesMs.slice(-500)].sort((a, b) => a - b);
      progress(
        `${Math.round((Date.now() - started) / 1000)} s: ${posting.answered} answered, recent p50 ${percentile(recent, 50)} ms, max ${recent.at(-1) ?? 0} ms`,
      );
    }, 30_000);
    const answers = await postInParallel([...sent, ...retries], options.concurrency ?? 16, posting).finally(() =>
      clearInterval(ticker),
    );
    stall.disable();
    const latencies = [...posting.latenciesMs].sort((a, b) => a - b);
    const ingest = {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? 0,
      loopStallMaxMs: Math.round(stall.max / 1e6),
    };
    const accepted = answers.filter((status) => status === 202).length;
    clearInterval(rotate);
    for (const downstream of pipeline.downstreams.values()) downstream.clearFaults();
    progress(`accepted ${accepted}; faults lifted, waiting for the queues to drain`);
    await drained(pipeline, options.settleTimeoutMs ?? 1_800_000, progress);
    const destinations: Record<string, DestinationOutcome> = {};
    for (const name of ['erp', 'crm', 'storefront', 'analytics']) {
      destinations[name] = await outcomeAt(pipeline, name, sent);
    }
    destinations.fulfillment = await threePlOutcome(pipeline, sent);
    return {
      webhooks: sent.length,
      vendorRetries: retries.length,
      accepted,
      faultChanges,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      ingest,
      destinations,
    };
  } finally {
    clearInterval(rotate);
    await pipeline.close();
  }
}

function workload(pipeline: LocalPipeline, events: number, random: () => number): Sent[] {
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront')!;
  const orders = Math.max(1, Math.ceil(events / 20));
  const skus = Math.max(1, Math.ceil(events / 40));
  const picks = Array.from({ length: events }, (_, index) =>
    index % 2 === 0 ? 5_000 + Math.floor(random() * orders) : Math.floor(random() * skus),
  );
  // Each order is open in every version but its newest, which cancels it: the 3PL gets a create and then a cancel.
  const newestOfOrder = new Map<number, number>();
  picks.forEach((n, index) => {
    if (index % 2 === 0) newestOfOrder.set(n, index);
  });
  return picks.map((n, index) => {
    const version = index + 1;
    if (index % 2 === 1) {
      const sku = `SKU-CHAOS-${n}`;
      return {
        sign: () => erpWebhook(pipeline, erpItemUpdate(sku, version, version), `chaos-${index}`),
        kind: 'stock',
        subject: sku,
        version,
      };
    }
    const { orderId, body } = storefrontOrder(n);
    const updatedAt = Date.UTC(2026, 10, 1) + version * 1000;
    const cancelled = newestOfOrder.get(n) === index;
    const changed = body
      .replace(/"updated_at": "[^"]*"/, `"updated_at": "${new Date(updatedAt).toISOString()}"`)
      .replace(
        /"cancelled_at": "[^"]*"/,
        cancelled ? `"cancelled_at": "${new Date(updatedAt).toISOString()}"` : '"cancelled_at": null',
      );
    const sign = () =>
      vendorWebhook(
        storefront,
        pipeline.webhookUrl('storefront'),
        pipeline.topology.signingSecrets.get('storefront')!,
        changed,
        { eventType: 'orders/updated', deliveryId: `chaos-${index}`, eventId: `chaos-${index}` },
      );
    return { sign, kind: 'order', subject: `storefront:${orderId}`, version: updatedAt };
  });
}

/** How a vendor treats a webhook that got no 2xx: it sends it again, a few times, a little later. */
const VENDOR_ATTEMPTS = 5;

/** What the load generator saw of the webhook API's answers. */
interface Posting {
  answered: number;
  readonly latenciesMs: number[];
}

async function postAsVendor(sign: () => VendorWebhook, posting: Posting): Promise<number> {
  let status = 0;
  for (let attempt = 1; attempt <= VENDOR_ATTEMPTS; attempt += 1) {
    const startedMs = Date.now();
    status = await postWebhook(sign()).then(
      (answer) => answer.status,
      () => 0,
    );
    posting.latenciesMs.push(Date.now() - startedMs);
    posting.answered += 1;
    if (status >= 200 && status < 300) return status;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
  return status;
}

async function postInParallel(sent: readonly Sent[], concurrency: number, posting: Posting): Promise<number[]> {
  const statuses: number[] = new Array<number>(sent.length);
  let next = 0;
  const worker = async () => {
    while (next < sent.length) {
      const index = next;
      next += 1;
      statuses[index] = await postAsVendor(sent[index]!.sign, posting);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function drained(pipeline: LocalPipeline, timeoutMs: number, progress: (line: string) => void): Promise<void> {
  const queues = [
    ...[...pipeline.topology.ingestQueues.values()].map((queue) => queue.url),
    ...[...pipeline.topology.deliveryQueues.values()].map((queue) => queue.url),
  ];
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let nextReport = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const depths = await Promise.all(queues.map((url) => depth(pipeline.sqs, url)));
    // Drained twice in a row, a second apart: a message in flight is counted by depth, so this is the end.
    quiet = depths.every((count) => count === 0) ? quiet + 1 : 0;
    if (Date.now() >= nextReport) {
      progress(`${depths.reduce((sum, count) => sum + count, 0)} messages still queued`);
      nextReport = Date.now() + 30_000;
    }
    if (quiet >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the queues did not drain within ${timeoutMs} ms`);
}

async function outcomeAt(
  pipeline: LocalPipeline,
  destination: string,
  sent: readonly Sent[],
): Promise<DestinationOutcome> {
  const downstream = pipeline.downstreams.get(destination)!;
  const received = downstream.received();
  const writes = received
    .filter(
      (request) => request.status !== undefined && request.status >= 200 && request.status < 300 && !request.replayed,
    )
    .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0));
  const dead = await deadLetters(pipeline, destination);
  const deadLettered: Record<string, number> = {};
  for (const letter of dead) deadLettered[letter.reason] = (deadLettered[letter.reason] ?? 0) + 1;

  const counts = new Map<string, number>();
  for (const id of writes.flatMap(eventIdsOf)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const repeated = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
  const replays = received.filter((request) => request.replayed).length;

  const read = STATEFUL[destination];
  if (read === undefined) {
    // Analytics: a batch that timed out may have landed, and its events go again in another batch; the platform keeps
    // one event per message id (Segment's deduplication), so those are absorbed, not written twice. Every accepted
    // event is written, or dead-lettered.
    const expected = sent.length;
    const lost = Math.max(0, expected - counts.size - dead.length);
    const absorbed = replays + repeated;
    return {
      expected,
      writes: counts.size,
      absorbed,
      duplicateWrites: 0,
      regressions: 0,
      lost,
      deadLettered,
      ...receivesAt(pipeline, destination),
    };
  }
  const duplicateWrites = [...counts.values()].filter((count) => count > 1).length;
  const kind = destination === 'storefront' ? 'stock' : 'order';
  const newest = new Map<string, number>();
  for (const item of sent) {
    if (item.kind === kind) newest.set(item.subject, Math.max(newest.get(item.subject) ?? 0, item.version));
  }
  const applied = new Map<string, { version: number; write: ReceivedRequest }>();
  const regressed: Regression[] = [];
  for (const write of writes) {
    const change = read(write);
    if (change === undefined) continue;
    const before = applied.get(change.subject);
    if (before !== undefined && change.version < before.version) {
      regressed.push({
        subject: change.subject,
        version: change.version,
        eventId: eventIdsOf(write)[0],
        receivedAt: write.receivedAt,
        answeredAt: write.answeredAt,
        after: { version: before.version, eventId: eventIdsOf(before.write)[0], answeredAt: before.write.answeredAt },
      });
    }
    applied.set(change.subject, { version: change.version, write });
  }
  const deadSubjects = new Set(dead.map((letter) => letter.subject));
  const lost = [...newest].filter(
    ([subject, version]) => applied.get(subject)?.version !== version && !deadSubjects.has(subject),
  ).length;
  return {
    expected: newest.size,
    writes: writes.length,
    absorbed: replays,
    duplicateWrites,
    regressions: regressed.length,
    ...(regressed.length > 0 ? { regressed } : {}),
    lost,
    deadLettered,
    ...receivesAt(pipeline, destination),
  };
}

/**
 * The 3PL: every order ends cancelled there or was never created (its cancel came first and its creates were stale),
 * unless dead-lettered; no reference is created twice; no create is sent after its order's cancel.
 */
async function threePlOutcome(pipeline: LocalPipeline, sent: readonly Sent[]): Promise<DestinationOutcome> {
  const downstream = pipeline.downstreams.get('fulfillment')!;
  const orders = downstream.api instanceof ShipBobOrders ? downstream.api.orders() : [];
  const received = downstream.received();
  const creates = new Map<string, number>();
  for (const request of received) {
    if (request.method !== 'POST' || request.path !== '/1.0/order' || request.status !== 201) continue;
    const reference = (request.json as { reference_id: string }).reference_id;
    creates.set(reference, (creates.get(reference) ?? 0) + 1);
  }
  const dead = await deadLetters(pipeline, 'fulfillment');
  const deadLettered: Record<string, number> = {};
  for (const letter of dead) deadLettered[letter.reason] = (deadLettered[letter.reason] ?? 0) + 1;
  const deadSubjects = new Set(dead.map((letter) => letter.subject));
  const subjects = new Set(sent.filter((item) => item.kind === 'order').map((item) => item.subject));
  const open = orders.filter((order) => order.status !== 'Cancelled' && !deadSubjects.has(order.reference_id));
  const referenceOf = new Map(orders.map((order) => [String(order.id), order.reference_id]));
  const cancelledAt = new Map<string, number>();
  for (const request of received) {
    const id = /^\/1\.0\/order\/(\d+)\/cancel$/.exec(request.path)?.[1];
    const reference = id === undefined ? undefined : referenceOf.get(id);
    if (reference !== undefined && request.status === 200) cancelledAt.set(reference, request.answeredAt ?? 0);
  }
  // A create sent after its order's cancel was answered: an older version sent after a newer one.
  const regressions = received.filter((request) => {
    if (request.method !== 'POST' || request.path !== '/1.0/order') return false;
    const cancelled = cancelledAt.get((request.json as { reference_id: string }).reference_id);
    return cancelled !== undefined && request.receivedAt > cancelled;
  }).length;
  return {
    expected: subjects.size,
    writes: [...creates.values()].reduce((sum, count) => sum + count, 0) + cancelledAt.size,
    absorbed: received.filter((request) => request.status === 409 || request.replayed).length,
    duplicateWrites: [...creates.values()].filter((count) => count > 1).length,
    regressions,
    lost: open.length,
    deadLettered,
    ...receivesAt(pipeline, 'fulfillment'),
  };
}

/** Every way the connector finishes with a record it received, as its metrics count them: one receive each. */
const RECORD_OUTCOMES = [
  'Delivered',
  'StaleDropped',
  'DuplicateSkipped',
  'NotApplicable',
  'DeliveryDeadLettered',
  'CircuitRefused',
  'RateLimited',
  'Throttled429',
  'VersionBusy',
  'InProgressElsewhere',
  'DeliveryFailed',
];

function receivesAt(pipeline: LocalPipeline, destination: string): Pick<DestinationOutcome, 'receives' | 'receivesBy'> {
  const receivesBy: Record<string, number> = {};
  for (const name of RECORD_OUTCOMES) {
    const count = pipeline.metrics.sum(name, { destination });
    if (count > 0) receivesBy[name] = count;
  }
  return { receives: Object.values(receivesBy).reduce((sum, count) => sum + count, 0), receivesBy };
}

/** The event ids a request writes: its Idempotency-Key, or each message id of a batch. */
function eventIdsOf(request: ReceivedRequest): string[] {
  const batch = (request.json as { batch?: { messageId: string }[] } | undefined)?.batch;
  if (batch) return batch.map((entry) => entry.messageId);
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? [key] : [];
}

async function deadLetters(pipeline: LocalPipeline, destination: string) {
  const url = pipeline.topology.deliveryQueues.get(destination)!.deadLetter.url;
  const letters: { reason: string; subject: string }[] = [];
  for (;;) {
    const { Messages = [] } = await pipeline.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 60,
      }),
    );
    if (Messages.length === 0) return letters;
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}') as { subject?: string; data?: { sku?: string } };
      letters.push({
        reason: message.MessageAttributes?.failureReason?.StringValue ?? '(moved by SQS)',
        subject: event.data?.sku ?? event.subject ?? '',
      });
    }
  }
}
