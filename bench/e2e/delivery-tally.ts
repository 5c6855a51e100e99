import type { ExpectedDeliveries } from './expected-deliveries';

/** A webhook the ingest accepted, with the downstream requests it must lead to. */
export interface AcceptedWebhook {
  readonly correlationId: string;
  readonly sentAtEpochMs: number;
  readonly expected: ExpectedDeliveries;
}

/** One request a fake downstream answered 2xx: who sent it for which webhook, and when it arrived. */
export interface ArrivedRequest {
  readonly correlationId: string | undefined;
  readonly receivedAt: number;
}

/** Where the accepted webhooks stand. */
export interface DeliveryTally {
  /** Webhooks every expected request of which has arrived at its destination. */
  readonly delivered: number;
  /** Webhooks still missing at least one expected request. */
  readonly pending: number;
  /** Requests expected over all accepted webhooks, and how many of them arrived. */
  readonly expectedRequests: number;
  readonly arrivedRequests: number;
  /** Webhook sent to request arrived, for every arrived expected request (ms). */
  readonly latenciesMs: readonly number[];
  /** Arrival of the last expected request (epoch ms), or undefined when none arrived. */
  readonly lastArrivalEpochMs: number | undefined;
}

/**
 * Matches arrivals to webhooks by the `x-correlation-id` every delivery carries. A webhook counts as delivered
 * only when each destination it routes to has accepted as many requests with its correlation id as it has
 * events bound there (a Shopify refund carries two payments, so two requests); extra requests (a retried send
 * the destination answered twice) never make up for a missing one elsewhere.
 */
export function tallyDeliveries(
  webhooks: readonly AcceptedWebhook[],
  arrivals: ReadonlyMap<string, readonly ArrivedRequest[]>,
): DeliveryTally {
  const byDestination = new Map<string, Map<string, number[]>>();
  for (const [destination, requests] of arrivals) {
    const byCorrelation = new Map<string, number[]>();
    for (const { correlationId, receivedAt } of requests) {
      if (correlationId === undefined) continue;
      const times = byCorrelation.get(correlationId) ?? [];
      times.push(receivedAt);
      byCorrelation.set(correlationId, times);
    }
    byDestination.set(destination, byCorrelation);
  }

  let delivered = 0;
  let expectedRequests = 0;
  let arrivedRequests = 0;
  let lastArrivalEpochMs: number | undefined;
  const latenciesMs: number[] = [];
  for (const webhook of webhooks) {
    let complete = true;
    for (const [destination, count] of webhook.expected) {
      const times = (byDestination.get(destination)?.get(webhook.correlationId) ?? []).slice().sort((a, b) => a - b);
      const matched = times.slice(0, count);
      expectedRequests += count;
      arrivedRequests += matched.length;
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
    expectedRequests,
    arrivedRequests,
    latenciesMs,
    lastArrivalEpochMs,
  };
}
