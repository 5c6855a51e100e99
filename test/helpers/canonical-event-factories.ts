import {
  customerEventSchema,
  inventoryLevelEventSchema,
  orderEventSchema,
  paymentEventSchema,
  shipmentEventSchema,
  type CanonicalEventOf,
  type CanonicalEventType,
  type Customer,
  type InventoryLevel,
  type Order,
  type Payment,
  type Shipment,
} from '../../schemas';

/** Envelope fields a test may pin; everything else is a valid default. */
export interface EnvelopeOverrides {
  readonly id?: string;
  /** `entityversion`; also part of the default id, so two versions are two events. */
  readonly version?: number;
  readonly correlationId?: string;
  /** Source system name, e.g. `erp`; the envelope's `source` becomes `interchange/<name>`. */
  readonly source?: string;
  readonly time?: string;
}

/** Overrides for one event type: envelope fields plus any `data` fields, merged over the defaults. */
export type EventOverrides<D> = EnvelopeOverrides & { readonly data?: Partial<D> };

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function envelope(type: CanonicalEventType, subject: string, defaultSource: string, overrides: EnvelopeOverrides) {
  const source = overrides.source ?? defaultSource;
  const version = overrides.version ?? 1_700_000_000_000;
  return {
    specversion: '1.0',
    id: overrides.id ?? `${source}:${type}:${subject}:${version}`,
    source: `interchange/${source}`,
    type,
    time: overrides.time ?? '2026-11-24T12:00:00.000Z',
    subject,
    dataschema: `schemas/json/${type}.json`,
    datacontenttype: 'application/json',
    correlationid: overrides.correlationId ?? `corr-${type}-0001`,
    entityversion: version,
  };
}

/** A valid customer event from the storefront, parsed through its schema so a contract change breaks here first. */
export function customerEvent(overrides: EventOverrides<Customer> = {}): CanonicalEventOf<'interchange.customer.v1'> {
  const data: Customer = {
    id: 'storefront:115310627314723954',
    name: 'John Smith',
    givenName: 'John',
    familyName: 'Smith',
    kind: 'person',
    email: 'john@example.com',
    phone: '+16135551111',
    addresses: [{ line1: '123 Elm St.', city: 'Ottawa', region: 'ON', postalCode: 'K2H7A8', countryCode: 'CA' }],
    sourceIds: { storefront: '115310627314723954' },
    updatedAt: '2026-11-24T12:00:00.000Z',
    ...overrides.data,
  };
  return customerEventSchema.parse({ ...envelope('interchange.customer.v1', data.id, 'storefront', overrides), data });
}

/** A valid open, unfulfilled order from the storefront with one SKU line and a shipping address. */
export function orderEvent(overrides: EventOverrides<Order> = {}): CanonicalEventOf<'interchange.order.v1'> {
  const data: Order = {
    id: 'storefront:820982911946154508',
    orderNumber: '#9999',
    customer: { id: 'storefront:115310627314723954', email: 'john@example.com', name: 'John Smith' },
    email: 'john@example.com',
    lines: [
      { lineId: '1', sku: 'IPOD2008BLACK', title: 'IPod Nano', quantity: 2, unitPrice: usd(19900), discount: usd(0) },
    ],
    currency: 'USD',
    totals: { subtotal: usd(39800), discount: usd(0), shipping: usd(1000), tax: usd(0), total: usd(40800) },
    status: 'open',
    paymentStatus: 'paid',
    fulfillmentStatus: 'unfulfilled',
    shippingAddress: {
      name: 'John Smith',
      line1: '123 Elm St.',
      city: 'Louisville',
      region: 'KY',
      postalCode: '40202',
      countryCode: 'US',
      phone: '+15025551212',
    },
    placedAt: '2026-11-24T11:59:00.000Z',
    updatedAt: '2026-11-24T12:00:00.000Z',
    sourceIds: { storefront: '820982911946154508' },
    ...overrides.data,
  };
  return orderEventSchema.parse({ ...envelope('interchange.order.v1', data.id, 'storefront', overrides), data });
}

/** A valid stock level reported by the ERP, which the storefront is kept in step with. */
export function inventoryLevelEvent(
  overrides: EventOverrides<InventoryLevel> = {},
): CanonicalEventOf<'interchange.inventory-level.v1'> {
  const data: InventoryLevel = {
    sku: 'IPOD2008BLACK',
    location: 'storefront:655441491',
    available: 42,
    asOf: '2026-11-24T12:00:00.000Z',
    sourceIds: { erp: 'ITEM-1000', storefront: '808950810' },
    ...overrides.data,
  };
  const subject = `${data.sku}@${data.location}`;
  return inventoryLevelEventSchema.parse({
    ...envelope('interchange.inventory-level.v1', subject, 'erp', overrides),
    data,
  });
}

/** A valid succeeded card payment for the default order, from the payment gateway. */
export function paymentEvent(overrides: EventOverrides<Payment> = {}): CanonicalEventOf<'interchange.payment.v1'> {
  const data: Payment = {
    id: 'payments:pi_3MtwBwLkdIwHu7ix28a3tqPa',
    kind: 'payment',
    orderRef: 'storefront:820982911946154508',
    amount: usd(40800),
    status: 'succeeded',
    method: 'card',
    gateway: 'stripe',
    occurredAt: '2026-11-24T12:00:00.000Z',
    sourceIds: { payments: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' },
    ...overrides.data,
  };
  return paymentEventSchema.parse({ ...envelope('interchange.payment.v1', data.id, 'payments', overrides), data });
}

/** A valid in-transit shipment of the default order, reported by the 3PL. */
export function shipmentEvent(overrides: EventOverrides<Shipment> = {}): CanonicalEventOf<'interchange.shipment.v1'> {
  const data: Shipment = {
    id: 'logistics:shp_100',
    orderRef: 'storefront:820982911946154508',
    orderNumber: '#9999',
    carrier: 'USPS',
    trackingNumber: '9400100000000000000000',
    status: 'in-transit',
    events: [
      {
        at: '2026-11-24T11:00:00.000Z',
        status: 'label-created',
        message: 'Shipping label created',
      },
      {
        at: '2026-11-24T12:00:00.000Z',
        status: 'in-transit',
        message: 'Departed USPS facility',
        location: { city: 'Louisville', region: 'KY', countryCode: 'US' },
      },
    ],
    items: [{ sku: 'IPOD2008BLACK', quantity: 2 }],
    estimatedDelivery: '2026-11-27',
    updatedAt: '2026-11-24T12:00:00.000Z',
    sourceIds: { logistics: 'shp_100' },
    ...overrides.data,
  };
  return shipmentEventSchema.parse({ ...envelope('interchange.shipment.v1', data.id, 'logistics', overrides), data });
}
