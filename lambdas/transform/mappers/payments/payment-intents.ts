import * as z from 'zod';
import type { Payment, PaymentStatus } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import {
  storefrontOrderRef,
  stripeCurrencySchema,
  stripeEventSchema,
  stripeEventVersion,
  stripeMetadataSchema,
  stripePaymentMethod,
} from './stripe-event';

/** The fields of a Stripe `payment_intent.*` event the mapper relies on. */
export const stripePaymentIntentEventSchema = stripeEventSchema(
  z.object({
    id: z.string().regex(/^pi_/, 'expected a PaymentIntent id (pi_...)'),
    object: z.literal('payment_intent'),
    /** Already in minor units. */
    amount: z.int(),
    currency: stripeCurrencySchema,
    payment_method_types: z.array(z.string()),
    metadata: stripeMetadataSchema,
    last_payment_error: z
      .object({ type: z.string(), code: z.string().nullish(), message: z.string().nullish() })
      .nullish(),
  }),
);

export type StripePaymentIntentEvent = z.infer<typeof stripePaymentIntentEventSchema>;

/**
 * A Stripe PaymentIntent event becomes a canonical payment whose status the event type decides: after a failed
 * attempt the intent's own status is back at `requires_payment_method`, which says nothing about the failure.
 * The PaymentIntent id is the payment's id, so later charge events about it update the same entity.
 */
export function stripePaymentIntentMapper(status: PaymentStatus): VendorEventMapper<StripePaymentIntentEvent> {
  return {
    schema: stripePaymentIntentEventSchema,
    map(event, context, issues) {
      const intent = event.data.object;
      const currency = intent.currency.toUpperCase();
      const failure = intent.last_payment_error;
      const onlyMethodType = intent.payment_method_types.length === 1 ? intent.payment_method_types[0] : undefined;
      const version = stripeEventVersion(event.created, status, issues);
      const data: Payment = {
        id: entityId(context.source, intent.id),
        kind: 'payment',
        orderRef: storefrontOrderRef(intent.metadata),
        amount: issues.minorUnits(intent.amount, currency, 'data.object.amount'),
        status,
        method: stripePaymentMethod(onlyMethodType),
        gateway: 'stripe',
        failureReason:
          status === 'failed' && failure
            ? (presentText(failure.message) ?? presentText(failure.code) ?? failure.type)
            : undefined,
        occurredAt: version.time,
        sourceIds: { [context.source]: intent.id },
      };
      const draft = { vendorEntityId: intent.id, subject: data.id, ...version };
      return [canonicalEvent(context, { ...draft, type: 'interchange.payment.v1', data })];
    },
  };
}
