import type { LogEntry, LogSearch, TimeWindow } from './logs';

/** One line of an event's life, in the order it happened. */
export interface TraceStep {
  readonly time: string;
  /** The function that printed it: `ingest-<source>`, `transform-<source>`, `connector-<destination>`. */
  readonly service: string;
  readonly level: string;
  readonly message: string;
  readonly correlationId?: string;
  readonly deliveryId?: string;
  readonly source?: string;
  readonly destination?: string;
  readonly eventType?: string;
  readonly eventId?: string;
  readonly entity?: string;
  /** An HTTP status: a destination's answer on an attempt, or the one a webhook was answered with. */
  readonly status?: number | string;
  readonly latencyMs?: number;
  /** The attempt's outcome, or the connector's reason; open-ended strings, shown as the functions print them. */
  readonly outcome?: string;
  readonly reason?: string;
  /** Canonical events a record was mapped to, with the destinations each was routed to. */
  readonly events?: readonly { eventId: string; entity?: string; destinations: readonly string[] }[];
  /** Set on a webhook delivery the vendor retried: the correlation id of the first delivery with its delivery id. */
  readonly retryOf?: string;
}

/** One webhook delivery that belongs to the traced event. */
export interface TracedDelivery {
  readonly correlationId: string;
  readonly deliveryId?: string;
  readonly receivedAt: string;
  readonly source?: string;
  /** The correlation id of the first delivery this one repeats (a vendor retry: same delivery id). */
  readonly retryOf?: string;
}

/** Every HTTP attempt at one destination, and how the connector ended the event there. */
export interface DestinationAttempts {
  readonly destination: string;
  readonly attempts: readonly { time: string; status?: number; latencyMs?: number; outcome: string }[];
  /** The connector's last word about the event (`delivered`, `delivery deferred`, `stale ...`, ...). */
  readonly last: string;
  /** Copies the connector absorbed: vendor retries, replays and redeliveries of what was already done. */
  readonly duplicates: number;
}

export interface Trace {
  readonly query: string;
  readonly deliveries: readonly TracedDelivery[];
  readonly steps: readonly TraceStep[];
  readonly destinations: readonly DestinationAttempts[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * The timeline of an event from the log lines that name it: each webhook delivery (a vendor retry, which repeats
 * the delivery id under a new correlation id, linked to the first), each hop in time order, and each
 * destination's attempts with the destination's answers.
 */
export function buildTrace(query: string, entries: readonly LogEntry[]): Trace {
  const firstByDeliveryId = new Map<string, string>();
  const deliveries: TracedDelivery[] = [];
  for (const entry of entries) {
    const correlationId = text(entry.correlationId);
    if (
      !correlationId ||
      !entry.service.startsWith('ingest-') ||
      deliveries.some((d) => d.correlationId === correlationId)
    ) {
      continue;
    }
    const deliveryId = text(entry.deliveryId);
    const first = deliveryId ? firstByDeliveryId.get(deliveryId) : undefined;
    if (deliveryId && !first) firstByDeliveryId.set(deliveryId, correlationId);
    const source = text(entry.source);
    deliveries.push({
      correlationId,
      receivedAt: entry.timestamp,
      ...(deliveryId ? { deliveryId } : {}),
      ...(source ? { source } : {}),
      ...(first ? { retryOf: first } : {}),
    });
  }
  const retryOf = new Map(deliveries.flatMap((d) => (d.retryOf ? [[d.correlationId, d.retryOf] as const] : [])));

  const steps = entries.map((entry): TraceStep => {
    const correlationId = text(entry.correlationId);
    const fields = {
      correlationId,
      deliveryId: text(entry.deliveryId),
      source: text(entry.source),
      destination: text(entry.destination),
      eventType: text(entry.eventType),
      eventId: text(entry.eventId),
      entity: text(entry.entity),
      status: num(entry.status) ?? text(entry.status),
      latencyMs: num(entry.latencyMs),
      outcome: text(entry.outcome),
      reason: text(entry.reason),
      events: Array.isArray(entry.events) ? (entry.events as TraceStep['events']) : undefined,
      retryOf: correlationId ? retryOf.get(correlationId) : undefined,
    };
    return {
      time: entry.timestamp,
      service: entry.service,
      level: text(entry.level) ?? '',
      message: text(entry.message) ?? '',
      ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    };
  });

  const byDestination = new Map<
    string,
    { attempts: DestinationAttempts['attempts'][number][]; last: string; duplicates: number }
  >();
  for (const step of steps) {
    if (!step.service.startsWith('connector-')) continue;
    const destination = step.destination ?? step.service.slice('connector-'.length);
    const record = byDestination.get(destination) ?? { attempts: [], last: '', duplicates: 0 };
    if (step.message === 'delivery attempt') {
      record.attempts.push({
        time: step.time,
        ...(typeof step.status === 'number' ? { status: step.status } : {}),
        ...(step.latencyMs !== undefined ? { latencyMs: step.latencyMs } : {}),
        outcome: step.outcome ?? '',
      });
    } else if (step.message === 'duplicate skipped') {
      record.duplicates += 1;
      record.last ||= step.message;
    } else {
      record.last = step.reason ? `${step.message} (${step.reason})` : step.message;
    }
    byDestination.set(destination, record);
  }
  return {
    query,
    deliveries,
    steps,
    destinations: [...byDestination].map(([destination, record]) => ({ destination, ...record })),
  };
}

/** Rounds of widening: the id, then the correlation and delivery ids found, then those they lead to. */
const MAX_ROUNDS = 3;

/**
 * Finds every line of the event's life: the lines naming the id, then, by the correlation and delivery ids
 * on them, the lines of every hop and every vendor retry of the same delivery.
 */
export async function traceEvent(logs: LogSearch, id: string, window: TimeWindow): Promise<Trace> {
  const known = new Set<string>([id]);
  let pending = [id];
  const entries = new Map<string, LogEntry>();
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    for (const entry of await logs.find(pending, window)) entries.set(JSON.stringify(entry), entry);
    pending = [];
    for (const entry of entries.values()) {
      for (const value of [entry.correlationId, entry.deliveryId]) {
        if (typeof value === 'string' && value && !known.has(value)) {
          known.add(value);
          pending.push(value);
        }
      }
    }
  }
  const ordered = [...entries.values()].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  return buildTrace(id, ordered);
}
