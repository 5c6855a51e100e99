import type { CanonicalEvent, CanonicalEventType } from '../../../schemas';
import type { DirectRequest } from './destination-request';

/** Event names as analysts read them in reports; one per canonical type, stable across versions of the data. */
export const ANALYTICS_EVENT_NAMES: Readonly<Record<CanonicalEventType, string>> = {
  'interchange.customer.v1': 'Customer Changed',
  'interchange.order.v1': 'Order Changed',
  'interchange.inventory-level.v1': 'Inventory Level Reported',
  'interchange.payment.v1': 'Payment Changed',
  'interchange.shipment.v1': 'Shipment Tracked',
};

/**
 * One track call (modelled on Segment's HTTP tracking API). `messageId` is the canonical event id, so the
 * platform's own deduplication drops a redelivered event; `timestamp` is when the change happened at the source.
 */
export interface AnalyticsTrack {
  readonly event: string;
  /** The customer the event is about, when there is one; otherwise `anonymousId` names the entity. */
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly properties: CanonicalEvent['data'];
  readonly timestamp: string;
  readonly messageId: string;
  readonly context: {
    readonly source: string;
    readonly eventType: CanonicalEventType;
    readonly entityVersion: number;
    readonly correlationId: string;
  };
}

function customerOf(event: CanonicalEvent): string | undefined {
  switch (event.type) {
    case 'interchange.customer.v1':
      return event.data.id;
    case 'interchange.order.v1':
      return event.data.customer?.id;
    default:
      return undefined;
  }
}

/** The track call for any canonical event: analytics takes every event, so this never declines one. */
export function analyticsTrack(event: CanonicalEvent): AnalyticsTrack {
  const userId = customerOf(event);
  return {
    event: ANALYTICS_EVENT_NAMES[event.type],
    ...(userId !== undefined ? { userId } : { anonymousId: event.subject }),
    properties: event.data,
    timestamp: event.time,
    messageId: event.id,
    context: {
      source: event.source,
      eventType: event.type,
      entityVersion: event.entityversion,
      correlationId: event.correlationid,
    },
  };
}

/** One event as one `POST /track`. */
export function analyticsRequest(event: CanonicalEvent): DirectRequest {
  return { method: 'POST', path: '/track', body: analyticsTrack(event) };
}

/**
 * Many events as one `POST /batch`, for a connector that sends analytics in batches. Keeping a batch within the
 * platform's size limits (Segment: 500 KB a batch, 32 KB a call) is the caller's part; an empty batch is no request.
 */
export function analyticsBatchRequest(events: readonly CanonicalEvent[]): DirectRequest | undefined {
  if (events.length === 0) return undefined;
  return {
    method: 'POST',
    path: '/batch',
    body: { batch: events.map((event) => ({ type: 'track', ...analyticsTrack(event) })) },
  };
}
