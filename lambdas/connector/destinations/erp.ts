import type { CanonicalEvent, CanonicalEventOf } from '../../../schemas';
import type { DirectRequest } from './destination-request';

/**
 * The ERP speaks sales orders, customers and payments keyed by the canonical ids, with amounts as minor
 * units so its ledger never rounds. All three are upserts (PUT by id) carrying the entity version: redelivering
 * a version is harmless even before idempotency, and a payment that moves from succeeded to refunded updates
 * one ledger entry instead of adding a second. Stock levels and shipments are not the ERP's to receive.
 */
export function erpRequest(event: CanonicalEvent): DirectRequest | undefined {
  switch (event.type) {
    case 'interchange.order.v1':
      return { method: 'PUT', path: `/sales-orders/${encodeURIComponent(event.data.id)}`, body: salesOrder(event) };
    case 'interchange.customer.v1':
      return {
        method: 'PUT',
        path: `/customers/${encodeURIComponent(event.data.id)}`,
        body: { ...event.data, version: event.entityversion },
      };
    case 'interchange.payment.v1':
      return {
        method: 'PUT',
        path: `/payments/${encodeURIComponent(event.data.id)}`,
        body: { ...event.data, version: event.entityversion },
      };
    default:
      return undefined;
  }
}

function salesOrder(event: CanonicalEventOf<'interchange.order.v1'>) {
  const order = event.data;
  return {
    externalId: order.id,
    number: order.orderNumber,
    version: event.entityversion,
    customerId: order.customer?.id ?? null,
    email: order.email ?? order.customer?.email ?? null,
    currency: order.currency,
    status: order.status,
    paymentStatus: order.paymentStatus ?? null,
    fulfillmentStatus: order.fulfillmentStatus,
    placedAt: order.placedAt,
    cancelledAt: order.cancelledAt ?? null,
    lines: order.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      description: line.title,
      quantity: line.quantity,
      unitPriceMinor: line.unitPrice.amountMinor,
      discountMinor: line.discount.amountMinor,
    })),
    totals: {
      subtotalMinor: order.totals.subtotal.amountMinor,
      discountMinor: order.totals.discount.amountMinor,
      shippingMinor: order.totals.shipping.amountMinor,
      taxMinor: order.totals.tax.amountMinor,
      totalMinor: order.totals.total.amountMinor,
    },
    shipTo: order.shippingAddress ?? null,
    billTo: order.billingAddress ?? null,
  };
}
