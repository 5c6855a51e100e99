import fc from 'fast-check';
import { withField } from './fixtures';
import { decimalAmount, epochSeconds, personName, sku, vendorNumericId, vendorTimestamp } from './vendor-arbitraries';

const timestampText = vendorTimestamp.map((timestamp) => timestamp.text);
const amountText = decimalAmount(2).map((amount) => amount.text);

/** For each mapper: its fixture, and fields to vary (path -> values the vendor's schema allows there). */
export const VARIATIONS: readonly {
  readonly source: string;
  readonly eventType: string;
  readonly fixture: string;
  readonly fields: Record<string, fc.Arbitrary<unknown>>;
  readonly base?: (payload: unknown) => unknown;
}[] = [
  {
    source: 'storefront',
    eventType: 'orders/create',
    fixture: 'storefront/orders-create.json',
    fields: {
      id: vendorNumericId,
      'customer.id': vendorNumericId,
      'line_items.0.id': vendorNumericId,
      'line_items.0.price': amountText,
      'line_items.1.quantity': fc.integer({ min: 1, max: 10_000 }),
      'line_items.2.sku': fc.option(sku),
      total_price: fc.oneof(
        amountText,
        fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => Math.round(x * 100) / 100),
      ),
      updated_at: timestampText,
      cancelled_at: fc.option(timestampText),
      financial_status: fc.constantFrom('pending', 'paid', 'refunded', null),
    },
  },
  {
    source: 'storefront',
    eventType: 'customers/update',
    fixture: 'storefront/customers-update.json',
    fields: {
      id: vendorNumericId,
      updated_at: timestampText,
      first_name: personName,
      last_name: fc.option(personName),
    },
  },
  {
    source: 'storefront',
    eventType: 'inventory_levels/update',
    fixture: 'storefront/inventory_levels-update.json',
    base: (payload) => withField(payload, 'sku', 'SKU2006-001'),
    fields: {
      inventory_item_id: vendorNumericId,
      location_id: vendorNumericId,
      available: fc.integer({ min: -1_000, max: 1_000_000 }),
      updated_at: timestampText,
      sku,
    },
  },
  {
    source: 'storefront',
    eventType: 'fulfillments/create',
    fixture: 'storefront/fulfillments-create.json',
    fields: {
      id: vendorNumericId,
      order_id: vendorNumericId,
      updated_at: timestampText,
      tracking_number: fc.option(fc.stringMatching(/^[0-9A-Z]{8,30}$/)),
      shipment_status: fc.constantFrom(null, 'in_transit', 'delivered', 'label_printed', 'failure'),
      'line_items.0.quantity': fc.integer({ min: 1, max: 500 }),
    },
  },
  {
    source: 'storefront',
    eventType: 'refunds/create',
    fixture: 'storefront/refunds-create.json',
    fields: {
      order_id: vendorNumericId,
      'transactions.0.id': vendorNumericId,
      'transactions.0.amount': amountText,
      'transactions.1.created_at': timestampText,
      'refund_line_items.0.subtotal': fc.double({ min: 0, max: 1e5, noNaN: true }),
    },
  },
  ...['payment_intent-succeeded', 'payment_intent-payment_failed', 'charge-refunded', 'refund-created'].map((name) => ({
    source: 'payments',
    eventType: '',
    fixture: `payments/${name}.json`,
    fields: {
      created: epochSeconds,
      'data.object.amount': fc.nat({ max: 10 ** 10 }),
      'data.object.currency': fc.constantFrom('usd', 'jpy', 'kwd', 'eur'),
    },
  })),
  {
    source: 'erp',
    eventType: '',
    fixture: 'erp/item-updated.json',
    fields: { timestamp: timestampText, 'data.number': sku, 'data.inventory': fc.integer({ min: -500, max: 10 ** 9 }) },
  },
  {
    source: 'erp',
    eventType: '',
    fixture: 'erp/customer-updated.json',
    fields: {
      'data.lastModifiedDateTime': timestampText,
      'data.displayName': personName,
      'data.blocked': fc.constantFrom(' ', '', 'Ship', 'Invoice', 'All'),
      'data.currencyCode': fc.constantFrom('', 'USD', 'EUR'),
    },
  },
  {
    source: 'logistics',
    eventType: 'tracker.updated',
    fixture: 'logistics/easypost-tracker_updated-event.json',
    fields: {
      'result.updated_at': timestampText,
      'result.tracking_details.0.datetime': timestampText,
      'result.status': fc.constantFrom('pre_transit', 'in_transit', 'delivered', 'return_to_sender', 'error'),
      'result.carrier': fc.option(fc.constantFrom('FedEx', 'UPS', 'USPS')),
    },
  },
  {
    source: 'logistics',
    eventType: 'order.shipment.tracking_received',
    fixture: 'logistics/shipbob-order_shipment_tracking_received.json',
    fields: {
      event_time: timestampText,
      order_id: vendorNumericId,
      status: fc.string({ minLength: 1, maxLength: 20 }),
    },
  },
  {
    source: 'crm',
    eventType: 'contact',
    fixture: 'crm/hubspot-contact.json',
    fields: {
      id: fc.bigInt({ min: 1n, max: 10n ** 15n }).map(String),
      updatedAt: timestampText,
      'properties.firstname': personName,
      'properties.email': fc.option(fc.emailAddress()),
    },
  },
];
