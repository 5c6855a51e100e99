import * as z from 'zod';
import type { Payment, PaymentMethod } from '../../../../schemas';
import { lookup } from '../../../shared/lookup';
import { canonicalEvent, entityId, type MappingContext, type VendorEventMapper } from '../canonical-output';
import { presentText, type MappingIssues } from '../mapping-issues';
import { numericIdText, vendorDecimalSchema, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';
import { shopifyMoneySetSchema } from './shopify-fields';

const transactionSchema = z.object({
  id: vendorNumericIdSchema,
  kind: z.string(),
  status: z.enum(['pending', 'success', 'failure', 'error']),
  amount: vendorDecimalSchema,
  currency: z.string().nullable(),
  gateway: z.string().nullish(),
  parent_id: vendorNumericIdSchema.nullish(),
  created_at: vendorTimestampSchema,
  processed_at: vendorTimestampSchema.nullish(),
});

/** The fields of a Shopify refund (refunds/create) the mapper relies on. */
export const shopifyRefundSchema = z.object({
  id: vendorNumericIdSchema,
  order_id: vendorNumericIdSchema,
  transactions: z.array(transactionSchema),
  refund_line_items: z.array(z.object({ subtotal_set: shopifyMoneySetSchema })),
  total_duties_set: shopifyMoneySetSchema.nullish(),
});

export type ShopifyRefund = z.infer<typeof shopifyRefundSchema>;
type RefundTransaction = ShopifyRefund['transactions'][number];

const STATUS = { pending: 'pending', success: 'succeeded', failure: 'failed', error: 'failed' } as const;
const METHOD_BY_GATEWAY: Readonly<Record<string, PaymentMethod>> = {
  shopify_payments: 'card',
  gift_card: 'gift-card',
  cash: 'cash',
  paypal: 'wallet',
};
/** ISO 4217's code for "no currency", which Shopify puts in money sets it has no currency for. */
const NO_CURRENCY = 'XXX';

/**
 * A Shopify refund becomes one canonical refund per refund transaction: each transaction is money actually
 * returned through a gateway, with its own status. Transactions carry `currency: null`, so the shop currency is
 * read from the refund's own money sets; a refund with no transaction (a restock only) moves no money and maps to
 * no event.
 */
export const shopifyRefundMapper: VendorEventMapper<ShopifyRefund> = {
  schema: shopifyRefundSchema,
  map(refund, context, issues) {
    const shopCurrency = refundCurrency(refund);
    return refund.transactions.flatMap((transaction, index) =>
      transaction.kind === 'refund'
        ? [refundEvent(refund, transaction, shopCurrency, `transactions.${index}`, context, issues)]
        : [],
    );
  },
};

function refundEvent(
  refund: ShopifyRefund,
  transaction: RefundTransaction,
  shopCurrency: string | undefined,
  path: string,
  context: MappingContext,
  issues: MappingIssues,
) {
  const transactionId = numericIdText(transaction.id);
  const occurred = transaction.processed_at
    ? issues.timestamp(transaction.processed_at, `${path}.processed_at`)
    : issues.timestamp(transaction.created_at, `${path}.created_at`);
  const currency = transaction.currency ?? shopCurrency;
  if (currency === undefined || currency === NO_CURRENCY) {
    issues.absent(`${path}.currency`, 'amount.currency is required by the canonical contract; the refund has none');
  }
  const gateway = presentText(transaction.gateway);
  const data: Payment = {
    id: entityId(context.source, transactionId),
    kind: 'refund',
    orderRef: entityId(context.source, numericIdText(refund.order_id)),
    originalPaymentRef: transaction.parent_id
      ? entityId(context.source, numericIdText(transaction.parent_id))
      : undefined,
    amount: issues.money(transaction.amount, currency ?? NO_CURRENCY, `${path}.amount`),
    status: STATUS[transaction.status],
    method: (gateway && lookup(METHOD_BY_GATEWAY, gateway)) || 'other',
    gateway,
    occurredAt: occurred.iso,
    sourceIds: { [context.source]: transactionId },
  };
  const draft = {
    vendorEntityId: transactionId,
    subject: data.id,
    entityVersion: occurred.epochMs,
    time: occurred.iso,
  };
  return canonicalEvent(context, { ...draft, type: 'interchange.payment.v1', data });
}

function refundCurrency(refund: ShopifyRefund): string | undefined {
  const sets = [...refund.refund_line_items.map((line) => line.subtotal_set), refund.total_duties_set];
  return sets.map((set) => set?.shop_money.currency_code).find((code) => code !== undefined && code !== NO_CURRENCY);
}
