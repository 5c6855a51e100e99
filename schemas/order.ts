import * as z from 'zod';
import { currencyCodeSchema, moneySchema } from './money';
import { entityIdSchema, postalAddressSchema, sourceIdsSchema, utcTimestampSchema } from './value-types';

/** One line of an order as placed. */
export const orderLineSchema = z.object({
  lineId: z.string().min(1),
  /** Null for lines the seller never gave a SKU (custom items, services): a known absence, not a lost field. */
  sku: z.string().min(1).nullable(),
  title: z.string(),
  quantity: z.int().positive(),
  unitPrice: moneySchema,
  /** Total discount on the line (all units). */
  discount: moneySchema,
});

/**
 * The order's totals as the source computed them; Interchange copies them and never recomputes them, so a
 * destination sees the same figures as the customer's receipt.
 */
export const orderTotalsSchema = z.object({
  /** Line items after line and order discounts, before shipping and tax. */
  subtotal: moneySchema,
  discount: moneySchema,
  shipping: moneySchema,
  tax: moneySchema,
  /** What the customer was charged: subtotal + shipping + tax (+ duties and fees where the source has them). */
  total: moneySchema,
});

/** Who placed the order; null for a guest checkout with no customer record. */
export const orderCustomerRefSchema = z
  .object({
    id: entityIdSchema,
    email: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  })
  .nullable();

/** A sales order as placed, with its current lifecycle status. */
export const orderSchema = z
  .object({
    id: entityIdSchema,
    /** The number people quote (`#9999`), not the system id. */
    orderNumber: z.string().min(1),
    customer: orderCustomerRefSchema,
    email: z.string().min(1).optional(),
    lines: z.array(orderLineSchema),
    currency: currencyCodeSchema,
    totals: orderTotalsSchema,
    status: z.enum(['open', 'closed', 'cancelled']),
    paymentStatus: z
      .enum(['pending', 'authorized', 'partially-paid', 'paid', 'partially-refunded', 'refunded', 'voided', 'expired'])
      .optional(),
    fulfillmentStatus: z.enum(['unfulfilled', 'partially-fulfilled', 'fulfilled', 'restocked']),
    shippingAddress: postalAddressSchema.optional(),
    billingAddress: postalAddressSchema.optional(),
    placedAt: utcTimestampSchema,
    cancelledAt: utcTimestampSchema.optional(),
    updatedAt: utcTimestampSchema,
    sourceIds: sourceIdsSchema,
  })
  .meta({ description: 'A sales order as placed, with its current status; money in integer minor units.' });

export type OrderLine = z.infer<typeof orderLineSchema>;
export type OrderTotals = z.infer<typeof orderTotalsSchema>;
export type Order = z.infer<typeof orderSchema>;
