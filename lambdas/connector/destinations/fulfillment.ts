import type { CanonicalEvent, Order, OrderLine, PostalAddress } from '../../../schemas';
import type { DestinationRequest } from './destination-request';

/**
 * Shapes an order for the 3PL (modelled on ShipBob's create-order API, `POST /1.0/order`). Only an order that
 * is open and not yet fulfilled is work for the warehouse, and only its lines with a SKU can be picked; an order
 * with nothing to pick or nowhere to ship it to (a pickup or a digital order) is of no use to the 3PL.
 *
 * Creating an order is not an upsert: each new version of a still-unfulfilled order would be a second create.
 * So every version carries the order id as its Idempotency-Key and as the 3PL's `reference_id`, which the 3PL
 * keeps unique, and the warehouse ships the order once.
 */
export function fulfillmentRequest(event: CanonicalEvent): DestinationRequest | undefined {
  if (event.type !== 'interchange.order.v1') return undefined;
  const order = event.data;
  if (order.status !== 'open' || order.fulfillmentStatus !== 'unfulfilled') return undefined;
  const products = productsBySku(order.lines);
  if (products.length === 0 || order.shippingAddress === undefined) return undefined;
  return {
    method: 'POST',
    path: '/1.0/order',
    idempotencyKey: `fulfillment-order:${order.id}`,
    alreadyAppliedStatuses: [409],
    body: {
      reference_id: order.id,
      order_number: order.orderNumber,
      type: 'DTC',
      shipping_method: 'Standard',
      purchase_date: order.placedAt,
      recipient: recipient(order, order.shippingAddress),
      products,
    },
  };
}

/** The 3PL picks by SKU, so lines of the same SKU become one product with their quantities added. */
function productsBySku(lines: readonly OrderLine[]): { reference_id: string; name: string; quantity: number }[] {
  const products = new Map<string, { reference_id: string; name: string; quantity: number }>();
  for (const line of lines) {
    if (line.sku === null) continue;
    const product = products.get(line.sku);
    if (product) product.quantity += line.quantity;
    else products.set(line.sku, { reference_id: line.sku, name: line.title, quantity: line.quantity });
  }
  return [...products.values()];
}

/** Absent parts are left out rather than sent as null: JSON.stringify drops undefined fields. */
function recipient(order: Order, address: PostalAddress) {
  return {
    name: address.name ?? order.customer?.name ?? address.company,
    email: order.email ?? order.customer?.email,
    phone_number: address.phone,
    address: {
      address1: address.line1,
      address2: address.line2,
      company_name: address.company,
      city: address.city,
      state: address.region,
      zip_code: address.postalCode,
      country: address.countryCode,
    },
  };
}
