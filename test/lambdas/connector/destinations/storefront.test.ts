import { SHOP_API_VERSION, storefrontRequest } from '../../../../lambdas/connector/destinations/storefront';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

describe('storefront requests', () => {
  test('a level at a shop location sets the shop’s inventory item there', () => {
    const event = inventoryLevelEvent({ data: { available: -3 } });

    expect(storefrontRequest(event)).toEqual({
      method: 'POST',
      path: `/${SHOP_API_VERSION}/inventory_levels/set.json`,
      body: { location_id: '655441491', inventory_item_id: '808950810', sku: 'IPOD2008BLACK', available: -3 },
    });
  });

  test('a level at a location the shop does not own is named by SKU and canonical location', () => {
    const event = inventoryLevelEvent({ data: { location: 'erp:all-locations', sourceIds: { erp: 'ITEM-1000' } } });

    expect(storefrontRequest(event)?.body).toEqual({
      location_id: 'erp:all-locations',
      sku: 'IPOD2008BLACK',
      available: 42,
    });
  });

  test.each([
    ['a customer', customerEvent()],
    ['an order', orderEvent()],
    ['a payment', paymentEvent()],
    ['a shipment', shipmentEvent()],
  ])('%s is not sent', (_name, event) => {
    expect(storefrontRequest(event)).toBeUndefined();
  });
});
