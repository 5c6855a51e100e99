import * as z from 'zod';
import type { Order, OrderLine } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText, type MappingIssues } from '../mapping-issues';
import { canonicalName } from '../person-name';
import { numericIdText, vendorDecimalSchema, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';
import { shopifyAddressSchema, shopifyCurrencySchema, shopifyMoneySetSchema, toPostalAddress } from './shopify-fields';

const lineItemSchema = z.object({
  id: vendorNumericIdSchema,
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.int(),
  /** Nullable: apps without access to prices receive orders with the price redacted, which is partial. */
  price: vendorDecimalSchema.nullish(),
  total_discount: vendorDecimalSchema,
});

/** The fields of a Shopify order (orders/create, orders/updated, and GET orders/{id}) the mapper relies on. */
export const shopifyOrderSchema = z.object({
  id: vendorNumericIdSchema,
  name: z.string().min(1),
  email: z.string().nullish(),
  currency: shopifyCurrencySchema,
  created_at: vendorTimestampSchema,
  updated_at: vendorTimestampSchema,
  processed_at: vendorTimestampSchema.nullish(),
  cancelled_at: vendorTimestampSchema.nullish(),
  closed_at: vendorTimestampSchema.nullish(),
  financial_status: z
    .enum(['pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided', 'expired'])
    .nullish(),
  fulfillment_status: z.enum(['fulfilled', 'partial', 'restocked', 'unfulfilled', 'pending']).nullable(),
  subtotal_price: vendorDecimalSchema,
  total_discounts: vendorDecimalSchema,
  total_tax: vendorDecimalSchema,
  total_price: vendorDecimalSchema,
  total_shipping_price_set: shopifyMoneySetSchema,
  customer: z
    .object({
      id: vendorNumericIdSchema,
      email: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
    })
    .nullish(),
  billing_address: shopifyAddressSchema.nullish(),
  shipping_address: shopifyAddressSchema.nullish(),
  line_items: z.array(lineItemSchema),
});

export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;

const PAYMENT_STATUS = {
  pending: 'pending',
  authorized: 'authorized',
  partially_paid: 'partially-paid',
  paid: 'paid',
  partially_refunded: 'partially-refunded',
  refunded: 'refunded',
  voided: 'voided',
  expired: 'expired',
} as const satisfies Record<NonNullable<ShopifyOrder['financial_status']>, Order['paymentStatus']>;

const FULFILLMENT_STATUS = {
  fulfilled: 'fulfilled',
  partial: 'partially-fulfilled',
  restocked: 'restocked',
  unfulfilled: 'unfulfilled',
  pending: 'unfulfilled',
} as const satisfies Record<NonNullable<ShopifyOrder['fulfillment_status']>, Order['fulfillmentStatus']>;

/**
 * A Shopify order becomes one canonical order, with the figures as placed (`total_price`, not `current_*`):
 * later changes reach destinations as refunds and shipments. A line without a price makes it partial, and
 * Shopify's orders API holds the full order.
 */
export const shopifyOrderMapper: VendorEventMapper<ShopifyOrder> = {
  schema: shopifyOrderSchema,
  map(order, context, issues) {
    const orderId = numericIdText(order.id);
    const currency = order.currency;
    const updated = issues.timestamp(order.updated_at, 'updated_at');
    const placed = issues.timestamp(
      order.processed_at ?? order.created_at,
      order.processed_at ? 'processed_at' : 'created_at',
    );
    const cancelled = order.cancelled_at ? issues.timestamp(order.cancelled_at, 'cancelled_at') : undefined;
    const lines = order.line_items.map((line, index) => mapLine(line, currency, `line_items.${index}`, issues));
    issues.completeFrom({ entity: 'orders', id: orderId });

    const data: Order = {
      id: entityId(context.source, orderId),
      orderNumber: order.name,
      customer: order.customer ? customerRef(context.source, order.customer) : null,
      email: presentText(order.email),
      lines,
      currency,
      totals: {
        subtotal: issues.money(order.subtotal_price, currency, 'subtotal_price'),
        discount: issues.money(order.total_discounts, currency, 'total_discounts'),
        shipping: issues.money(order.total_shipping_price_set.shop_money.amount, currency, 'total_shipping_price_set'),
        tax: issues.money(order.total_tax, currency, 'total_tax'),
        total: issues.money(order.total_price, currency, 'total_price'),
      },
      status: order.cancelled_at ? 'cancelled' : order.closed_at ? 'closed' : 'open',
      paymentStatus: order.financial_status ? PAYMENT_STATUS[order.financial_status] : undefined,
      fulfillmentStatus: order.fulfillment_status ? FULFILLMENT_STATUS[order.fulfillment_status] : 'unfulfilled',
      shippingAddress: order.shipping_address ? toPostalAddress(order.shipping_address) : undefined,
      billingAddress: order.billing_address ? toPostalAddress(order.billing_address) : undefined,
      placedAt: placed.iso,
      cancelledAt: cancelled?.iso,
      updatedAt: updated.iso,
      sourceIds: { [context.source]: orderId },
    };
    const draft = { vendorEntityId: orderId, subject: data.id, entityVersion: updated.epochMs, time: updated.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.order.v1', data })];
  },
};

function mapLine(
  line: ShopifyOrder['line_items'][number],
  currency: string,
  path: string,
  issues: MappingIssues,
): OrderLine {
  if (line.price === null || line.price === undefined) {
    issues.absent(`${path}.price`, 'lines[].unitPrice is required by the canonical contract and the line has no price');
  }
  return {
    lineId: numericIdText(line.id),
    sku: presentText(line.sku) ?? null,
    title: line.title,
    quantity: line.quantity,
    unitPrice: issues.money(line.price ?? 0, currency, `${path}.price`),
    discount: issues.money(line.total_discount, currency, `${path}.total_discount`),
  };
}

function customerRef(source: string, customer: NonNullable<ShopifyOrder['customer']>): Order['customer'] {
  const { name } = canonicalName({ given: customer.first_name, family: customer.last_name });
  return { id: entityId(source, numericIdText(customer.id)), email: presentText(customer.email), name };
}
