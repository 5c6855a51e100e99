import type { CanonicalEvent } from '../../../schemas';
import type { ClaimRequest } from './claim-decision';

/** A subject whose state a destination keeps (an order, a stock level), and where an event's change stands in it. */
export interface OrderedChange {
  /** Sort key of the guard's record, unique per destination. */
  readonly key: string;
  readonly change: ClaimRequest;
}

/**
 * `<sku>@<location>`. Locations are `<source>:<id>` and may contain `@`, so `%` and `@` in the SKU are escaped:
 * the first `@` always ends the SKU and no two (SKU, location) pairs share a key.
 */
export function inventoryKey(sku: string, location: string): string {
  return `${sku.replace(/%/g, '%25').replace(/@/g, '%40')}@${location}`;
}

/**
 * The subject an event changes and its place in that subject's history. A stock level is one SKU at one location;
 * every other entity is its type and canonical id (`subject`), so an order and a customer never share a key.
 */
export function orderedChange(event: CanonicalEvent): OrderedChange {
  const key =
    event.type === 'interchange.inventory-level.v1'
      ? inventoryKey(event.data.sku, event.data.location)
      : `${event.type}|${event.subject}`;
  return { key, change: { version: event.entityversion, sequence: event.entitysequence ?? 0, eventId: event.id } };
}
