import { createHash } from 'node:crypto';
import type { EventAttributes } from '../shared/message-attributes';
import type { ListedRecord } from './list-apis';

/** Delivery ids of changes fed by reconciliation start with this, so logs and traces tell them from webhooks. */
export const RECONCILIATION_DELIVERY_PREFIX = 'reconciliation';

/**
 * The delivery id of a listed change: the stream, the record and the time of its change, so polling the same
 * change twice gives the same id, and two changes of a record two ids.
 */
export function reconciliationDeliveryId(stream: string, record: Pick<ListedRecord, 'id' | 'changedAt'>): string {
  const change = createHash('sha256').update(`${record.id}\n${record.changedAt}`).digest('base64url').slice(0, 22);
  return `${RECONCILIATION_DELIVERY_PREFIX}:${stream}:${change}`;
}

/**
 * A listed record as ingest would have put its webhook on the source's queue: the vendor's body with the event's
 * attributes, so the transform maps it, and idempotency and ordering apply to it, exactly as to a webhook.
 */
export function reconciledMessage(
  source: string,
  stream: string,
  record: ListedRecord,
  context: { readonly correlationId: string; readonly nowMs: number },
): { readonly body: string; readonly attributes: EventAttributes } {
  return {
    body: record.body,
    attributes: {
      correlationId: context.correlationId,
      source,
      eventType: record.eventType,
      receivedAt: new Date(context.nowMs).toISOString(),
      deliveryId: reconciliationDeliveryId(stream, record),
    },
  };
}
