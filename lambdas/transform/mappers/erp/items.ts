import * as z from 'zod';
import type { InventoryLevel } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { businessCentralIdSchema, standardWebhookSchema } from './business-central';

/** The fields of a Business Central item (API v2.0 `items`) inside the envelope that the mapper relies on. */
export const businessCentralItemEventSchema = standardWebhookSchema(
  z.object({
    id: businessCentralIdSchema,
    number: z.string().min(1),
    type: z.enum(['Inventory', 'Service', 'Non-Inventory']).nullish(),
    /** Stock on hand across all locations; absent when BC returns a reduced record at peak. */
    inventory: z.number().nullish(),
  }),
);

export type BusinessCentralItemEvent = z.infer<typeof businessCentralItemEventSchema>;

/** The figure BC's item reports is the total over its locations, so the canonical location says so. */
const ALL_LOCATIONS = 'all-locations';

/**
 * A Business Central item becomes the canonical stock level of its SKU (the item number). Services and
 * non-inventory items hold no stock and map to no event. The level is as of the envelope's timestamp, not the
 * item's `lastModifiedDateTime`: posting stock does not modify the item record, so that time would not move
 * when the level does. Without `inventory` the record is partial and the items API holds the full item.
 */
export const businessCentralItemMapper: VendorEventMapper<BusinessCentralItemEvent> = {
  schema: businessCentralItemEventSchema,
  map(event, context, issues) {
    const item = event.data;
    if (item.type === 'Service' || item.type === 'Non-Inventory') return [];
    const asOf = issues.timestamp(event.timestamp, 'timestamp');
    if (item.inventory === null || item.inventory === undefined) {
      issues.absent('data.inventory', 'available is required by the canonical contract and the item has no inventory');
      issues.completeFrom({ entity: 'items', id: item.id });
    } else if (!Number.isSafeInteger(item.inventory)) {
      issues.invalid('data.inventory', `${item.inventory} is not a whole number of units`);
    }

    const data: InventoryLevel = {
      sku: item.number,
      location: entityId(context.source, ALL_LOCATIONS),
      available: item.inventory ?? 0,
      asOf: asOf.iso,
      sourceIds: { [context.source]: item.id },
    };
    const draft = {
      vendorEntityId: item.id,
      subject: `${data.location}/${data.sku}`,
      entityVersion: asOf.epochMs,
      time: asOf.iso,
    };
    return [canonicalEvent(context, { ...draft, type: 'interchange.inventory-level.v1', data })];
  },
};
