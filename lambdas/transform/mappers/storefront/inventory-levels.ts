import * as z from 'zod';
import type { InventoryLevel } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { numericIdText, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';

/**
 * The fields of a Shopify inventory level (inventory_levels/update) the mapper relies on. The webhook identifies
 * the item by `inventory_item_id` only; `sku` is not part of Shopify's payload and is present only once the
 * transform has completed the record from the inventory item (see `completeVendorRecord`).
 */
export const shopifyInventoryLevelSchema = z.object({
  inventory_item_id: vendorNumericIdSchema,
  location_id: vendorNumericIdSchema,
  /** Null when the item's inventory is not tracked. */
  available: z.int().nullable(),
  updated_at: vendorTimestampSchema,
  sku: z.string().optional(),
});

export type ShopifyInventoryLevel = z.infer<typeof shopifyInventoryLevelSchema>;

/**
 * A Shopify inventory level becomes a canonical level at the Shopify location. Without a SKU it is partial, with
 * the inventory item (whose `sku` the API returns) as the completion; an untracked item (`available: null`) has
 * no level to report and stays partial.
 */
export const shopifyInventoryLevelMapper: VendorEventMapper<ShopifyInventoryLevel> = {
  schema: shopifyInventoryLevelSchema,
  map(level, context, issues) {
    const itemId = numericIdText(level.inventory_item_id);
    const locationId = numericIdText(level.location_id);
    const asOf = issues.timestamp(level.updated_at, 'updated_at');
    const sku = presentText(level.sku);
    if (sku === undefined) {
      issues.absent('inventory_item_id', `sku is required by the canonical contract; Shopify sends only the item id`);
      issues.completeFrom({ entity: 'inventory_items', id: itemId });
    }
    if (level.available === null) {
      issues.absent('available', 'available is required by the canonical contract; the item is not tracked');
    }

    const data: InventoryLevel = {
      sku: sku ?? '',
      location: entityId(context.source, locationId),
      available: level.available ?? 0,
      asOf: asOf.iso,
      sourceIds: { [context.source]: itemId },
    };
    const draft = {
      vendorEntityId: `${locationId}/${itemId}`,
      subject: `${data.location}/${data.sku}`,
      entityVersion: asOf.epochMs,
      time: asOf.iso,
    };
    return [canonicalEvent(context, { ...draft, type: 'interchange.inventory-level.v1', data })];
  },
};
