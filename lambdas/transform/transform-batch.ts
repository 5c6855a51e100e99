import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import type { TransformSettings } from '../../config/function-settings';
import { claimCheckMessage, claimCheckOf, isClaimedBody, type ClaimCheck } from '../shared/claim-check';
import { logger } from '../shared/logger';
import { fromMessageAttributes, toMessageAttributes } from '../shared/message-attributes';
import { tracedRecord } from '../shared/trace-annotations';
import type { OutgoingMessage } from '../shared/queue-writer';
import { archivedWebhookOf, archiveObjects, type ArchiveObject } from '../shared/webhook-archive';
import { decideRecord, type RecordDecision } from './decide-record';
import { splitVendorRecord, type VendorRecord } from './mappers';
import { changeSequence } from './mappers/vendor-time';
import { mapCompletingPartials, type FetchFullRecord } from './complete-partial';
import { quarantineMessage } from './quarantine-message';
import { recordDecision } from './record-decision';

/** The one I/O the transform needs: batched sends that report which keys failed. */
export type SendToQueue = (queueUrl: string, messages: readonly OutgoingMessage[]) => Promise<Set<string>>;

/** Reads a claim-checked body from the payload bucket. */
export type ReadClaimCheck = (check: ClaimCheck) => Promise<string>;

/** Writes archive objects to the payload bucket. */
export type WriteArchive = (objects: readonly ArchiveObject[]) => Promise<void>;

/** The transform's I/O, handed in by the handler. */
export interface TransformIo {
  readonly send: SendToQueue;
  readonly readClaimCheck: ReadClaimCheck;
  readonly writeArchive: WriteArchive;
  readonly fetchFullRecord?: FetchFullRecord;
}

/**
 * Archives the batch, then maps every record of it (completing partial ones from the source's API where one is configured),
 * then writes all deliveries and quarantines grouped by queue, so a
 * batch of ten costs a few SendMessageBatch calls instead of forty sends. Only records whose own sends
 * failed, or partial records held back, are reported as failures; the rest of the batch goes on.
 */
export async function transformBatch(
  records: readonly SQSRecord[],
  settings: TransformSettings,
  io: TransformIo,
): Promise<SQSBatchResponse> {
  const { send, readClaimCheck, fetchFullRecord } = io;
  // Archived before anything is mapped, so every accepted webhook can be replayed, whatever becomes of it here.
  // Without the archive the whole batch returns to the queue: a retry costs one more pass, a gap costs a replay.
  try {
    await io.writeArchive(archiveObjects(records.map((record) => archivedWebhookOf(record, settings.source))));
  } catch (error) {
    logger.error('webhooks could not be archived; the batch is retried', { records: records.length, error });
    return { batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })) };
  }
  const failed = new Set<string>();
  const outgoing = new Map<string, OutgoingMessage[]>();
  const enqueue = (queueUrl: string, message: OutgoingMessage) => {
    const list = outgoing.get(queueUrl) ?? [];
    list.push(message);
    outgoing.set(queueUrl, list);
  };

  for (const record of records) {
    const attributes = fromMessageAttributes(record.messageAttributes);
    const claimCheck = claimCheckOf(record.messageAttributes);
    const body = claimCheck ? await readClaimedBody(claimCheck, readClaimCheck) : record.body;
    if (body === undefined) {
      // The bucket could not be read now: the record returns to the queue with its pointer and is tried again.
      failed.add(record.messageId);
      continue;
    }
    const receivedAt = attributes.receivedAt || new Date(Number(record.attributes.SentTimestamp)).toISOString();
    const sequence = changeSequence(attributes.triggeredAt, receivedAt);
    const vendorRecord: VendorRecord = {
      source: settings.source,
      eventType: attributes.eventType,
      body,
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
        // A claim-checked record is quarantined with its pointer: the body stays whole in the bucket.
        const quarantined = quarantineMessage(
          claimCheck ? record.body : part.body,
          attributes,
          decision.reason,
          decision.issues,
        );
        enqueue(settings.quarantineQueueUrl, {
          key: record.messageId,
          body: quarantined.body,
          attributes: claimCheck
            ? { ...quarantined.attributes, ...claimCheckMessage(claimCheck).attribute }
            : quarantined.attributes,
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

/** The claim-checked body, whole, or undefined when it cannot be had now (logged; the record is retried). */
async function readClaimedBody(check: ClaimCheck, read: ReadClaimCheck): Promise<string | undefined> {
  try {
    const body = await read(check);
    if (isClaimedBody(check, body)) return body;
    logger.error('claim-checked body does not match its pointer', { key: check.key });
  } catch (error) {
    logger.error('claim-checked body could not be read', { key: check.key, error });
  }
  return undefined;
}
