import type { ExpectedDeliveries } from './expected-deliveries';

/** A webhook the ingest accepted, with the events it must deliver to each destination. */
export interface AcceptedWebhook {
  readonly correlationId: string;
  readonly sentAtEpochMs: number;
  readonly expected: ExpectedDeliveries;
}

/** One request a fake downstream answered 2xx: the webhooks it carries events of, and when it arrived. */
export interface ArrivedRequest {
  /** One entry per event the request carries, so a batch of two payments of one refund names it twice. */
  readonly correlationIds: readonly string[];
  readonly receivedAt: number;
}

const CORRELATION_KEY = /^correlation_?id$/i;

function collectCorrelationIds(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCorrelationIds(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, field] of Object.entries(value)) {
    if (CORRELATION_KEY.test(key) && typeof field === 'string') into.push(field);
    else collectCorrelationIds(field, into);
  }
}

/**
 * The webhooks a downstream request carries events of. Every delivery names its webhook in the
 * `x-correlation-id` header; a batch request (analytics' `POST /batch`) carries many events, each naming its own
 * in the body (`correlationid` of a CloudEvent, `context.correlationId` of a track call). Body ids are counted
 * per event; the header adds its id only when no event in the body names it.
 */
export function correlationIdsOf(header: string | undefined, body: unknown): string[] {
  const ids: string[] = [];
  collectCorrelationIds(body, ids);
  if (header !== undefined && !ids.includes(header)) ids.push(header);
  return ids;
}

/** Where the accepted webhooks stand. */
export interface DeliveryTally {
  /** Webhooks every expected event of which has arrived at its destination. */
  readonly delivered: number;
  /** Webhooks still missing at least one expected event. */
  readonly pending: number;
  /** Events expected at downstreams over all accepted webhooks, and how many of them arrived. */
  readonly downstreamEventsExpected: number;
  readonly downstreamEventsArrived: number;
  /** Webhook sent to its event's arrival downstream, for every arrived expected event (ms). */
  readonly latenciesMs: readonly number[];
  /** Arrival of the last expected event (epoch ms), or undefined when none arrived. */
  readonly lastArrivalEpochMs: number | undefined;
}

/**
 * Matches arrivals to webhooks by correlation id. A webhook counts as delivered only when each destination it
 * routes to has accepted as many of its events as it has events bound there (a Shopify refund carries two
 * payments), whether they came one per request or in a batch; extra copies (a retried send the destination
 * answered twice) never make up for a missing one elsewhere.
 */
export function tallyDeliveries(
  webhooks: readonly AcceptedWebhook[],
  arrivals: ReadonlyMap<string, readonly ArrivedRequest[]>,
): DeliveryTally {
  const byDestination = new Map<string, Map<string, number[]>>();
  for (const [destination, requests] of arrivals) {
    const byCorrelation = new Map<string, number[]>();
    for (const { correlationIds, receivedAt } of requests) {
      for (const correlationId of correlationIds) {
        const times = byCorrelation.get(correlationId) ?? [];
        times.push(receivedAt);
        byCorrelation.set(correlationId, times);
      }
    }
    byDestination.set(destination, byCorrelation);
  }

  let delivered = 0;
  let downstreamEventsExpected = 0;
  let downstreamEventsArrived = 0;
  let lastArrivalEpochMs: number | undefined;
  const latenciesMs: number[] = [];
  for (const webhook of webhooks) {
    let complete = true;
    for (const [destination, count] of webhook.expected) {
      const times = (byDestination.get(destination)?.get(webhook.correlationId) ?? []).slice().sort((a, b) => a - b);
      const matched = times.slice(0, count);
      downstreamEventsExpected += count;
      downstreamEventsArrived += matched.length;
      if (matched.length < count) complete = false;
      for (const time of matched) {
        latenciesMs.push(time - webhook.sentAtEpochMs);
        lastArrivalEpochMs = Math.max(lastArrivalEpochMs ?? time, time);
      }
    }
    if (complete) delivered += 1;
  }
  return {
    delivered,
    pending: webhooks.length - delivered,
    downstreamEventsExpected,
    downstreamEventsArrived,
    latenciesMs,
    lastArrivalEpochMs,
  };
}
