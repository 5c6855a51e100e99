import { lookup } from '../../../shared/lookup';
import { type StorefrontEventType } from '../../../shared/source-event-types';
import { unsupportedEventType } from '../map-result';
import {
  mappingContext,
  noCompletion,
  parseFetchedObject,
  payloadMapper,
  withTopLevelField,
  type PayloadMapper,
  type SourceMapper,
} from '../source-mapper';
import { shopifyCustomerMapper } from './customers';
import { shopifyFulfillmentMapper } from './fulfillments';
import { shopifyInventoryLevelMapper } from './inventory-levels';
import { shopifyOrderMapper } from './orders';
import { shopifyRefundMapper } from './refunds';

const MAPPERS_BY_TOPIC = {
  'orders/create': payloadMapper(shopifyOrderMapper),
  'orders/updated': payloadMapper(shopifyOrderMapper),
  'customers/create': payloadMapper(shopifyCustomerMapper),
  'customers/update': payloadMapper(shopifyCustomerMapper),
  'inventory_levels/update': payloadMapper(shopifyInventoryLevelMapper),
  'fulfillments/create': payloadMapper(shopifyFulfillmentMapper),
  'refunds/create': payloadMapper(shopifyRefundMapper),
} as const satisfies Record<StorefrontEventType, PayloadMapper>;

/**
 * The storefront (Shopify): the topic comes from the `X-Shopify-Topic` header as the record's event type.
 * Completion: a partial order is replaced by the order the orders API returns; a level without SKU gets the
 * inventory item's `sku` added, since the level itself is only in the webhook.
 */
export const storefrontMapper: SourceMapper = {
  map(record, payload) {
    const mapper = lookup<PayloadMapper>(MAPPERS_BY_TOPIC, record.eventType);
    return mapper ? mapper(payload, mappingContext(record)) : unsupportedEventType(record);
  },
  completeRecord(record, fetchedRecord) {
    const fetched = parseFetchedObject(fetchedRecord);
    if (!fetched.ok) return fetched;
    if (record.eventType === 'orders/create' || record.eventType === 'orders/updated') {
      return { ok: true, record: { ...record, body: fetchedRecord } };
    }
    if (record.eventType === 'inventory_levels/update') {
      const sku = fetched.value.sku;
      if (typeof sku !== 'string') return { ok: false, error: 'fetched inventory item has no string "sku"' };
      const body = withTopLevelField(record.body, 'sku', sku);
      return body === undefined
        ? { ok: false, error: 'webhook body is not a JSON object' }
        : { ok: true, record: { ...record, body } };
    }
    return noCompletion(record);
  },
};
