import * as z from 'zod';
import type { Payment } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import {
  storefrontOrderRef,
  stripeCurrencySchema,
  stripeEventSchema,
  stripeEventVersion,
  stripeMetadataSchema,
  stripePaymentMethod,
} from './stripe-event';

/** The fields of a Stripe `charge.refunded` event the mapper relies on. */
export const stripeChargeEventSchema = stripeEventSchema(
  z.object({
    id: z.string().regex(/^ch_|^py_/, 'expected a Charge id (ch_... or py_...)'),
    object: z.literal('charge'),
    amount: z.int(),
    amount_refunded: z.int(),
    currency: stripeCurrencySchema,
    refunded: z.boolean(),
    payment_intent: z.string().nullable(),
    payment_method_details: z.object({ type: z.string() }).nullable(),
    metadata: stripeMetadataSchema,
  }),
);

export type StripeChargeEvent = z.infer<typeof stripeChargeEventSchema>;

/**
 * `charge.refunded` updates the payment the charge belongs to (its PaymentIntent when there is one) with how much
 * has been refunded. The refunds themselves arrive as `refund.*` events and become refund entities; mapping this
 * event to a refund as well would count the money twice.
 */
export const stripeChargeRefundedMapper: VendorEventMapper<StripeChargeEvent> = {
  schema: stripeChargeEventSchema,
  map(event, context, issues) {
    const charge = event.data.object;
    const paymentId = charge.payment_intent ?? charge.id;
    const currency = charge.currency.toUpperCase();
    const status = charge.refunded ? 'refunded' : 'partially-refunded';
    const version = stripeEventVersion(event.created, status, issues);
    const data: Payment = {
      id: entityId(context.source, paymentId),
      kind: 'payment',
      orderRef: storefrontOrderRef(charge.metadata),
      amount: issues.minorUnits(charge.amount, currency, 'data.object.amount'),
      amountRefunded: issues.minorUnits(charge.amount_refunded, currency, 'data.object.amount_refunded'),
      status,
      method: stripePaymentMethod(charge.payment_method_details?.type),
      gateway: 'stripe',
      occurredAt: version.time,
      sourceIds: { [context.source]: paymentId },
    };
    const draft = { vendorEntityId: paymentId, subject: data.id, ...version };
    return [canonicalEvent(context, { ...draft, type: 'interchange.payment.v1', data })];
  },
};
