import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import type { TransformSettings } from '../../config/function-settings';
import { fromMessageAttributes, toMessageAttributes } from '../shared/message-attributes';
import { tracedRecord } from '../shared/trace-annotations';
import type { OutgoingMessage } from '../shared/queue-writer';
import { decideRecord, type RecordDecision } from './decide-record';
import { splitVendorRecord, type VendorRecord } from './mappers';
import { changeSequence } from './mappers/vendor-time';
import { mapCompletingPartials, type FetchFullRecord } from './complete-partial';
import { quarantineMessage } from './quarantine-message';
import { recordDecision } from './record-decision';

/** The one I/O the transform needs: batched sends that report which keys failed. */
export type SendToQueue = (queueUrl: string, messages: readonly OutgoingMessage[]) => Promise<Set<string>>;

/**
 * Maps every record of an ingest batch (completing partial ones from the source's API where one is configured),
 * then writes all deliveries and quarantines grouped by queue, so a
 * batch of ten costs a few SendMessageBatch calls instead of forty sends. Only records whose own sends
 * failed, or partial records held back, are reported as failures; the rest of the batch goes on.
 */
export async function transformBatch(
  records: readonly SQSRecord[],
  settings: TransformSettings,
  send: SendToQueue,
  fetchFullRecord?: FetchFullRecord,
): Promise<SQSBatchResponse> {
  const failed = new Set<string>();
  const outgoing = new Map<string, OutgoingMessage[]>();
  const enqueue = (queueUrl: string, message: OutgoingMessage) => {
    const list = outgoing.get(queueUrl) ?? [];
    list.push(message);
    outgoing.set(queueUrl, list);
  };

  for (const record of records) {
    const attributes = fromMessageAttributes(record.messageAttributes);
    const receivedAt = attributes.receivedAt || new Date(Number(record.attributes.SentTimestamp)).toISOString();
    const sequence = changeSequence(attributes.triggeredAt, receivedAt);
    const vendorRecord: VendorRecord = {
      source: settings.source,
      eventType: attributes.eventType,
      body: record.body,
      correlationId: attributes.correlationId || record.messageId,
      receivedAt,
      ...(attributes.vendorEventId ? { vendorEventId: attributes.vendorEventId } : {}),
      ...(sequence !== undefined ? { sequence } : {}),
    };
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    // A vendor batch (HubSpot posts many contacts at once) is mapped part by part, so one partial contact
    // holds back only itself: the parts already delivered are absorbed by idempotency when the record returns.
    for (const part of splitVendorRecord(vendorRecord)) {
      const annotations = { correlationId: part.correlationId, source: part.source, eventType: part.eventType };
      const result = await tracedRecord('map', annotations, () => mapCompletingPartials(part, fetchFullRecord));
      const decision: RecordDecision = decideRecord(result, attributes, receiveCount, settings);
      recordDecision(decision, attributes, result.ok ? result.unknownFields : []);
      if (decision.kind === 'hold-back') failed.add(record.messageId);
      if (decision.kind === 'quarantine') {
        enqueue(settings.quarantineQueueUrl, {
          key: record.messageId,
          ...quarantineMessage(part.body, attributes, decision.reason, decision.issues),
        });
      }
      if (decision.kind === 'deliver') {
        for (const delivery of decision.deliveries) {
          enqueue(delivery.target.queueUrl, {
            key: record.messageId,
            body: JSON.stringify(delivery.event),
            attributes: toMessageAttributes(delivery.attributes),
          });
        }
      }
    }
  }

  const sendFailures = await Promise.all([...outgoing].map(([queueUrl, messages]) => send(queueUrl, messages)));
  for (const keys of sendFailures) for (const key of keys) failed.add(key);
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}
