/**
 * The functions' log lines as local mode keeps them in memory (the same lines `.local/logs/` holds), grouped by
 * correlation id: what the console lists as events and shows as timelines, and the deferrals the live view counts
 * by reason. Parsing is deliberately loose: a line that is not JSON, a field or a message it does not know, a new
 * deferral reason, all pass through as they are instead of being dropped.
 */

/** One line a function printed. */
export interface LogEntry {
  /** Arrival order, unique within a run. */
  readonly seq: number;
  readonly functionName: string;
  /** ISO time the function stamped, or the time of arrival for a line without one. */
  readonly time: string;
  readonly level: string;
  readonly message: string;
  readonly correlationId?: string;
  /** Every field of the line but the ones above and Lambda's own bookkeeping. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** How far one event got at one destination, from the connector's last line about it. */
export type DestinationOutcome =
  'delivered' | 'duplicate-skipped' | 'not-applicable' | 'stale-dropped' | 'deferred' | 'dead-lettered' | 'other';

/** What happened to one webhook, as its log lines tell it. */
export interface EventSummary {
  readonly correlationId: string;
  readonly source?: string;
  /** The vendor's event type as the webhook carried it. */
  readonly vendorType?: string;
  /** Canonical types it was mapped to. */
  readonly canonicalTypes: readonly string[];
  readonly deliveryId?: string;
  readonly eventIds: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The overall state, worst first: rejected, quarantined, dead-lettered, retrying, held back, delivered, in progress. */
  readonly status: EventStatus;
  readonly destinations: Readonly<Record<string, DestinationOutcome>>;
}

export type EventStatus =
  'rejected' | 'quarantined' | 'dead-lettered' | 'retrying' | 'held-back' | 'delivered' | 'in-progress';

export const EVENT_STATUSES: readonly EventStatus[] = [
  'rejected',
  'quarantined',
  'dead-lettered',
  'retrying',
  'held-back',
  'delivered',
  'in-progress',
];

/** Fields of a line (lambdas/shared/logger.ts) that say nothing about the event. */
const BOOKKEEPING = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'correlationId',
  'cold_start',
  'function_request_id',
  'xray_trace_id',
]);

/** Keeps this many lines and this many events; the oldest go first, as a scrolling terminal would lose them. */
const MAX_LINES = 50_000;
const MAX_EVENTS = 10_000;

/** `connector-erp` → `erp`; undefined for a function of another kind. */
const nameAfter = (prefix: string, functionName: string): string | undefined =>
  functionName.startsWith(prefix) ? functionName.slice(prefix.length) : undefined;

/** The outcome a connector line reports, read from its message so a reworded or new line is still placed. */
export function connectorOutcome(message: string): DestinationOutcome {
  const text = message.toLowerCase();
  if (text.includes('dead-letter')) return 'dead-lettered';
  if (text.includes('deferred')) return 'deferred';
  if (text.includes('duplicate')) return 'duplicate-skipped';
  if (text.includes('not applicable')) return 'not-applicable';
  if (text.includes('stale')) return 'stale-dropped';
  if (text.startsWith('delivered')) return 'delivered';
  return 'other';
}

/** Turns a printed line into an entry; EMF documents are metrics, not log lines, and give none. */
export function parseLogLine(functionName: string, line: string, seq: number, now: Date): LogEntry | undefined {
  if (line.includes('"_aws"')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    json = undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { seq, functionName, time: now.toISOString(), level: 'TEXT', message: line, fields: {} };
  }
  const record = json as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!BOOKKEEPING.has(key)) fields[key] = value;
  const correlationId = typeof record.correlationId === 'string' ? record.correlationId : undefined;
  return {
    seq,
    functionName,
    time: typeof record.timestamp === 'string' ? record.timestamp : now.toISOString(),
    level: typeof record.level === 'string' ? record.level : 'INFO',
    message: typeof record.message === 'string' ? record.message : line,
    ...(correlationId ? { correlationId } : {}),
    fields,
  };
}

/** The in-memory index: fed every line, asked for events, timelines and deferral counts. */
export class FunctionLog {
  private lines: LogEntry[] = [];
  private readonly byCorrelation = new Map<string, LogEntry[]>();
  private readonly deferrals = new Map<string, Map<string, number>>();
  private seq = 0;

  accept(functionName: string, line: string, now = new Date()): void {
    const entry = parseLogLine(functionName, line, this.seq, now);
    if (!entry) return;
    this.seq += 1;
    this.lines.push(entry);
    if (this.lines.length > MAX_LINES * 1.2) this.lines = this.lines.slice(-MAX_LINES);
    const destination = nameAfter('connector-', functionName);
    if (destination && connectorOutcome(entry.message) === 'deferred') {
      const reason = typeof entry.fields.reason === 'string' ? entry.fields.reason : 'unknown';
      const counts = this.deferrals.get(destination) ?? new Map<string, number>();
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
      this.deferrals.set(destination, counts);
    }
    if (!entry.correlationId) return;
    const group = this.byCorrelation.get(entry.correlationId);
    if (group) group.push(entry);
    else {
      this.byCorrelation.set(entry.correlationId, [entry]);
      if (this.byCorrelation.size > MAX_EVENTS) this.byCorrelation.delete(this.byCorrelation.keys().next().value!);
    }
  }

  /** Deferrals of one destination by the reason the connector logged, e.g. `{ throttled: 3, 'circuit-open': 1 }`. */
  deferralsBy(destination: string): Readonly<Record<string, number>> {
    return Object.fromEntries(this.deferrals.get(destination) ?? []);
  }

  /** Every line of one event, in the order they arrived. */
  timeline(correlationId: string): readonly LogEntry[] {
    return [...(this.byCorrelation.get(correlationId) ?? [])];
  }

  /** The latest lines of every function, newest last. */
  recent(limit: number): readonly LogEntry[] {
    return this.lines.slice(-limit);
  }

  /** One summary per webhook, newest first. */
  events(): EventSummary[] {
    return [...this.byCorrelation].map(([id, entries]) => summarize(id, entries)).reverse();
  }

  event(correlationId: string): EventSummary | undefined {
    const entries = this.byCorrelation.get(correlationId);
    return entries ? summarize(correlationId, entries) : undefined;
  }
}

function summarize(correlationId: string, entries: readonly LogEntry[]): EventSummary {
  let source: string | undefined;
  let vendorType: string | undefined;
  let deliveryId: string | undefined;
  let rejected = false;
  let quarantined = false;
  let heldBack = false;
  let mapped = false;
  const canonicalTypes = new Set<string>();
  const eventIds = new Set<string>();
  const destinations: Record<string, DestinationOutcome> = {};
  for (const entry of entries) {
    const { functionName, fields, message } = entry;
    const fromSource = nameAfter('ingest-', functionName) ?? nameAfter('transform-', functionName);
    source ??= fromSource;
    if (fromSource && typeof fields.eventType === 'string') vendorType ??= fields.eventType;
    if (typeof fields.deliveryId === 'string') deliveryId ??= fields.deliveryId;
    if (nameAfter('ingest-', functionName) && message.includes('rejected')) rejected = true;
    if (nameAfter('transform-', functionName)) {
      if (message.includes('quarantined')) quarantined = true;
      else if (message.includes('held back')) heldBack = true;
      else if (message.includes('mapped')) mapped = true;
    }
    const destination = nameAfter('connector-', functionName);
    if (destination) {
      if (typeof fields.eventType === 'string') canonicalTypes.add(fields.eventType);
      if (typeof fields.eventId === 'string') eventIds.add(fields.eventId);
      const outcome = connectorOutcome(message);
      if (outcome !== 'other') destinations[destination] = outcome;
    }
  }
  const outcomes = Object.values(destinations);
  const status: EventStatus = rejected
    ? 'rejected'
    : quarantined
      ? 'quarantined'
      : outcomes.includes('dead-lettered')
        ? 'dead-lettered'
        : outcomes.includes('deferred')
          ? 'retrying'
          : heldBack && !mapped
            ? 'held-back'
            : outcomes.length > 0
              ? 'delivered'
              : 'in-progress';
  return {
    correlationId,
    ...(source ? { source } : {}),
    ...(vendorType ? { vendorType } : {}),
    canonicalTypes: [...canonicalTypes],
    ...(deliveryId ? { deliveryId } : {}),
    eventIds: [...eventIds],
    firstSeen: entries[0]!.time,
    lastSeen: entries[entries.length - 1]!.time,
    status,
    destinations,
  };
}
