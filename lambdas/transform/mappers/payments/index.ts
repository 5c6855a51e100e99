import { lookup } from '../../../shared/lookup';
import { unsupportedEventType } from '../map-result';
import {
  eventTypeInBody,
  mappingContext,
  topLevelField,
  noCompletion,
  payloadMapper,
  type PayloadMapper,
  type SourceMapper,
} from '../source-mapper';
import { stripeChargeRefundedMapper } from './charges';
import { stripePaymentIntentMapper } from './payment-intents';
import { stripeRefundMapper } from './refunds';

const MAPPERS_BY_TYPE: Readonly<Record<string, PayloadMapper>> = {
  'payment_intent.succeeded': payloadMapper(stripePaymentIntentMapper('succeeded')),
  'payment_intent.payment_failed': payloadMapper(stripePaymentIntentMapper('failed')),
  'payment_intent.canceled': payloadMapper(stripePaymentIntentMapper('canceled')),
  'payment_intent.processing': payloadMapper(stripePaymentIntentMapper('pending')),
  'payment_intent.requires_action': payloadMapper(stripePaymentIntentMapper('requires-action')),
  'charge.refunded': payloadMapper(stripeChargeRefundedMapper),
  'refund.created': payloadMapper(stripeRefundMapper),
  'refund.updated': payloadMapper(stripeRefundMapper),
  'refund.failed': payloadMapper(stripeRefundMapper),
  'charge.refund.updated': payloadMapper(stripeRefundMapper),
};

/**
 * Payments (Stripe): the event type is the envelope's `type`. Stripe events carry the whole object, so
 * nothing from Stripe is ever partial and there is nothing to complete.
 */
export const paymentsMapper: SourceMapper = {
  eventTypes: Object.keys(MAPPERS_BY_TYPE),
  map(record, payload) {
    const found = eventTypeInBody(payload, 'type');
    if (!found.ok) return found.failure;
    const mapper = lookup(MAPPERS_BY_TYPE, found.eventType);
    return mapper
      ? mapper(payload, mappingContext(record, topLevelField(payload, 'id')))
      : unsupportedEventType({ ...record, eventType: found.eventType });
  },
  completeRecord: noCompletion,
};
