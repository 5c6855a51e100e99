import * as z from 'zod';
import { entityIdSchema, sourceIdsSchema, utcTimestampSchema } from './value-types';

/**
 * How many units of a SKU a location can sell, as of an instant. Destinations key stock by SKU, so a level
 * without one is incomplete rather than deliverable; `asOf` lets them drop stale and out-of-order updates.
 */
export const inventoryLevelSchema = z
  .object({
    sku: z.string().min(1),
    /**
     * Where the stock is: `<source>:<location id>`. `<source>:all-locations` when the source reports one figure
     * across all its locations (an ERP item's inventory field).
     */
    location: entityIdSchema,
    /** Units available to sell; negative when the location has oversold. */
    available: z.int(),
    asOf: utcTimestampSchema,
    sourceIds: sourceIdsSchema,
  })
  .meta({ description: 'Units of a SKU available to sell at a location, as of an instant.' });

export type InventoryLevel = z.infer<typeof inventoryLevelSchema>;
