import * as z from 'zod';
import type { Payment } from '../../../../schemas';
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

const STATUS = {
  pending: 'pending',
  requires_action: 'requires-action',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
} as const;

/** The fields of a Stripe `refund.*` (or legacy `charge.refund.updated`) event the mapper relies on. */
export const stripeRefundEventSchema = stripeEventSchema(
  z.object({
    id: z.string().regex(/^re_|^pyr_/, 'expected a Refund id (re_... or pyr_...)'),
    object: z.literal('refund'),
    amount: z.int(),
    currency: stripeCurrencySchema,
    status: z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']),
    charge: z.string().nullable(),
    payment_intent: z.string().nullable(),
    destination_details: z.object({ type: z.string() }).nullish(),
    failure_reason: z.string().nullish(),
    metadata: stripeMetadataSchema,
  }),
);

export type StripeRefundEvent = z.infer<typeof stripeRefundEventSchema>;

/**
 * A Stripe Refund becomes a canonical refund. It points at the payment it returns money from by the same id the
 * payment itself carries: the PaymentIntent when there is one, the Charge otherwise.
 */
export const stripeRefundMapper: VendorEventMapper<StripeRefundEvent> = {
  schema: stripeRefundEventSchema,
  map(event, context, issues) {
    const refund = event.data.object;
    const currency = refund.currency.toUpperCase();
    const status = STATUS[refund.status];
    const version = stripeEventVersion(event.created, status, issues);
    const originalPaymentId = refund.payment_intent ?? refund.charge;
    const data: Payment = {
      id: entityId(context.source, refund.id),
      kind: 'refund',
      orderRef: storefrontOrderRef(refund.metadata),
      originalPaymentRef: originalPaymentId ? entityId(context.source, originalPaymentId) : undefined,
      amount: issues.minorUnits(refund.amount, currency, 'data.object.amount'),
      status,
      method: stripePaymentMethod(refund.destination_details?.type),
      gateway: 'stripe',
      failureReason: status === 'failed' ? presentText(refund.failure_reason) : undefined,
      occurredAt: version.time,
      sourceIds: { [context.source]: refund.id },
    };
    const draft = { vendorEntityId: refund.id, subject: data.id, ...version };
    return [canonicalEvent(context, { ...draft, type: 'interchange.payment.v1', data })];
  },
};
