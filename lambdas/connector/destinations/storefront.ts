import type { CanonicalEvent } from '../../../schemas';
import type { DirectRequest } from './destination-request';

/** The shop's REST API version the request shapes follow; pinned so a shop upgrade cannot change them. */
export const SHOP_API_VERSION = '2025-07';

/** The source name under which the shop's own ids appear in canonical ids and `sourceIds`. */
const SHOP = 'storefront';

/**
 * Stock levels go back to the shop (modelled on Shopify's `POST inventory_levels/set.json`): the level at a
 * location becomes the shop's available count. The shop's own ids are used where the level carries them (a
 * `storefront:` location, a `sourceIds.storefront` inventory item); otherwise the shop resolves the SKU and the
 * canonical location id through its location mapping. Nothing else is the shop's to receive from Interchange.
 */
export function storefrontRequest(event: CanonicalEvent): DirectRequest | undefined {
  if (event.type !== 'interchange.inventory-level.v1') return undefined;
  const level = event.data;
  const shopLocation = level.location.startsWith(`${SHOP}:`) ? level.location.slice(SHOP.length + 1) : undefined;
  return {
    method: 'POST',
    path: `/${SHOP_API_VERSION}/inventory_levels/set.json`,
    body: {
      location_id: shopLocation ?? level.location,
      inventory_item_id: level.sourceIds[SHOP],
      sku: level.sku,
      available: level.available,
    },
  };
}
