import * as z from 'zod';
import { moneySchema } from './money';
import { entityIdSchema, sourceIdsSchema, utcTimestampSchema } from './value-types';

/** How the money moved, coarse enough that every gateway's method maps onto it. */
export const paymentMethodSchema = z.enum(['card', 'bank-transfer', 'wallet', 'gift-card', 'cash', 'other']);

/** Where a payment or refund stands. `refunded` and `partially-refunded` describe a payment after refunds. */
export const paymentStatusSchema = z.enum([
  'pending',
  'requires-action',
  'succeeded',
  'failed',
  'canceled',
  'partially-refunded',
  'refunded',
]);

/**
 * Money moving between a customer and the business: a payment in, or a refund out (`kind`). A refund is its own
 * entity with its own id; the payment it returns money from is `originalPaymentRef` when the source says so.
 */
export const paymentSchema = z
  .object({
    id: entityIdSchema,
    kind: z.enum(['payment', 'refund']),
    orderRef: entityIdSchema.optional(),
    originalPaymentRef: entityIdSchema.optional(),
    amount: moneySchema,
    /** For a payment: how much of it has been refunded so far. */
    amountRefunded: moneySchema.optional(),
    status: paymentStatusSchema,
    method: paymentMethodSchema,
    /** The gateway or processor as the source names it (`stripe`, `shopify_payments`, `bogus`). */
    gateway: z.string().min(1).optional(),
    /** The source's explanation when status is failed (a decline code or message). */
    failureReason: z.string().min(1).optional(),
    occurredAt: utcTimestampSchema,
    sourceIds: sourceIdsSchema,
  })
  .meta({ description: 'A payment in or a refund out (kind), with its amount in integer minor units.' });

export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
export type Payment = z.infer<typeof paymentSchema>;
