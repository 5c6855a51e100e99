import type { CanonicalEvent } from '../../schemas';
import type { EventAttributes } from './message-attributes';

/**
 * The fields by which every hop's log line names the event it handles, so one search finds its whole path:
 * - `correlationId`: chosen at ingest, carried on every queued message and downstream request;
 * - `deliveryId`: the vendor's id of the webhook delivery; a vendor retry repeats it under a new correlation id;
 * - `source`, `eventType`: the vendor's source and event type (at the connector, the canonical type);
 * - `eventId`: the canonical event's id, once mapped; `entity`: its subject (Interchange's entity id);
 * - `entityName`: the id people quote, where it differs from the entity id (an order's number, a stock level's SKU).
 * The names are part of the operating contract (docs/LOGGING.md): saved queries and `interchange trace` read them.
 */
export interface EventLogFields {
  readonly correlationId: string;
  readonly deliveryId?: string;
  readonly source?: string;
  readonly eventType?: string;
  readonly eventId?: string;
  readonly entity?: string;
  readonly entityName?: string;
}

/** The fields of a queued record, before or without its canonical event. */
export function recordLogFields(attributes: EventAttributes): EventLogFields {
  return {
    correlationId: attributes.correlationId,
    ...(attributes.deliveryId ? { deliveryId: attributes.deliveryId } : {}),
    ...(attributes.source ? { source: attributes.source } : {}),
    ...(attributes.eventType ? { eventType: attributes.eventType } : {}),
  };
}

/** The fields one canonical event names by itself (all but the vendor's delivery id). */
export type CanonicalEventLogFields = Omit<EventLogFields, 'deliveryId'> &
  Required<Pick<EventLogFields, 'eventId' | 'eventType' | 'entity'>>;

/** The fields of one canonical event. */
export function canonicalEventLogFields(event: CanonicalEvent): CanonicalEventLogFields {
  const entityName = entityNameOf(event);
  return {
    correlationId: event.correlationid,
    source: event.source.replace(/^interchange\//, ''),
    eventType: event.type,
    eventId: event.id,
    entity: event.subject,
    ...(entityName ? { entityName } : {}),
  };
}

/** The fields of one canonical event, with the delivery id its record carried. */
export function eventLogFields(attributes: EventAttributes, event: CanonicalEvent): CanonicalEventLogFields {
  return { ...recordLogFields(attributes), ...canonicalEventLogFields(event) };
}

/** The id a person quotes for an entity: an order's number (`#1001`), a stock level's SKU. */
export function entityNameOf(event: CanonicalEvent): string | undefined {
  switch (event.type) {
    case 'interchange.order.v1':
      return event.data.orderNumber;
    case 'interchange.inventory-level.v1':
      return event.data.sku;
    default:
      return undefined;
  }
}
