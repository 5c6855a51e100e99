import type { CanonicalEventOf } from '../../../schemas';

/** A piece of destination state that must never go backwards, and the version an event would apply to it. */
export interface VersionedKey {
  /** Sort key of the guard's record, unique per destination. */
  readonly key: string;
  /** Grows with every change at the source; a lower or equal version than the applied one is stale. */
  readonly version: number;
}

/**
 * `<sku>@<location>`. Locations are `<source>:<id>` and may contain `@`, so `%` and `@` in the SKU are escaped:
 * the first `@` always ends the SKU and no two (SKU, location) pairs share a key.
 */
export function inventoryKey(sku: string, location: string): string {
  return `${sku.replace(/%/g, '%25').replace(/@/g, '%40')}@${location}`;
}

/** A stock level is one SKU at one location, versioned by the source's entity version. */
export function inventoryVersionKey(event: CanonicalEventOf<'interchange.inventory-level.v1'>): VersionedKey {
  return { key: inventoryKey(event.data.sku, event.data.location), version: event.entityversion };
}
