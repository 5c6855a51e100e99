import * as z from 'zod';
import type { PaymentMethod, PaymentStatus } from '../../../../schemas';
import { lookup } from '../../../shared/lookup';
import type { MappingIssues } from '../mapping-issues';

/** Stripe's event envelope around the object the event is about (`data.object`). */
export function stripeEventSchema<O extends z.ZodType>(object: O) {
  return z.object({
    id: z.string().min(1),
    type: z.string(),
    /** Epoch seconds. */
    created: z.int(),
    data: z.object({ object }),
  });
}

/** Stripe writes ISO 4217 codes in lower case (`usd`). */
export const stripeCurrencySchema = z.string().regex(/^[a-z]{3}$/, 'expected a lower-case ISO 4217 code');

/** Stripe metadata: string keys and string values, set by the merchant's own code. */
export const stripeMetadataSchema = z.record(z.string(), z.string()).nullish();

/** The storefront writes its order id into Stripe metadata under this key at checkout. */
const ORDER_ID_METADATA_KEY = 'order_id';
const STOREFRONT_SOURCE = 'storefront';

const METHOD_BY_TYPE: Readonly<Record<string, PaymentMethod>> = {
  card: 'card',
  card_present: 'card',
  us_bank_account: 'bank-transfer',
  sepa_debit: 'bank-transfer',
  bacs_debit: 'bank-transfer',
  acss_debit: 'bank-transfer',
  au_becs_debit: 'bank-transfer',
  customer_balance: 'bank-transfer',
  link: 'wallet',
  paypal: 'wallet',
  cashapp: 'wallet',
  amazon_pay: 'wallet',
  revolut_pay: 'wallet',
};

/** Canonical method for a Stripe payment method type (`card`, `us_bank_account`, ...). */
export function stripePaymentMethod(type: string | null | undefined): PaymentMethod {
  return (type && lookup(METHOD_BY_TYPE, type)) || 'other';
}

/** The storefront order a Stripe object belongs to, when the checkout recorded it in metadata. */
export function storefrontOrderRef(metadata: Record<string, string> | null | undefined): string | undefined {
  const orderId = metadata?.[ORDER_ID_METADATA_KEY]?.trim();
  return orderId ? `${STOREFRONT_SOURCE}:${orderId}` : undefined;
}

/** Lifecycle order of payment statuses: a later stage outranks an earlier one within the same second. */
const STATUS_RANK: Readonly<Record<PaymentStatus, number>> = {
  pending: 1,
  'requires-action': 2,
  failed: 3,
  canceled: 4,
  succeeded: 5,
  'partially-refunded': 6,
  refunded: 7,
};

/**
 * Stripe objects have no last-modified time, and an event's `created` has only second precision: a payment
 * that fails and then succeeds within one second would get one version twice, and the second event would be
 * taken for a retry of the first. The version is the event's time in milliseconds plus the status's lifecycle
 * rank, so it stays deterministic per event and later stages win within a second.
 */
export function stripeEventVersion(
  createdSeconds: number,
  status: PaymentStatus,
  issues: MappingIssues,
): { readonly entityVersion: number; readonly time: string } {
  const created = issues.epochSeconds(createdSeconds, 'created');
  return { entityVersion: created.epochMs + STATUS_RANK[status], time: created.iso };
}
