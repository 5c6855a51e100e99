import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * A message parked in a dead-letter queue or a quarantine, with what its attributes say: the event's attributes
 * (lambdas/shared/message-attributes.ts) and why it was parked. A message SQS moved after its last receive has
 * no reason attribute; it reads `max-receives`.
 */
export interface ParkedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** When it was first sent (ISO 8601); SQS keeps it across a move to the DLQ. */
  readonly sentAt: string;
  readonly correlationId: string;
  readonly deliveryId?: string;
  readonly source?: string;
  readonly eventType: string;
  readonly reason: string;
  readonly detail?: string;
  /** The queue SQS moved it from, when it was moved after failing every receive. */
  readonly movedFrom?: string;
  readonly attributes: Record<string, MessageAttributeValue>;
}

/** Attributes that say why a message was parked; a message sent back leaves them behind. */
const PARKING_ATTRIBUTES = ['quarantineReason', 'quarantineIssues', 'failureReason', 'failureDetail'];

/** Which parked messages a command acts on; every given criterion must hold. */
export interface ParkedFilter {
  readonly type?: string;
  readonly reason?: string;
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** Message ids or correlation ids. */
  readonly ids?: readonly string[];
}

export function parkedMessageOf(message: Message): ParkedMessage {
  const attributes = message.MessageAttributes ?? {};
  const read = (name: string) => attributes[name]?.StringValue;
  const sent = Number(message.Attributes?.SentTimestamp);
  const detail = read('quarantineIssues') ?? read('failureDetail');
  const deliveryId = read('deliveryId');
  const source = read('source');
  const movedFrom = message.Attributes?.DeadLetterQueueSourceArn;
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    sentAt: Number.isFinite(sent) ? new Date(sent).toISOString() : '',
    correlationId: read('correlationId') ?? '',
    eventType: read('eventType') ?? '',
    reason: read('quarantineReason') ?? read('failureReason') ?? 'max-receives',
    ...(deliveryId ? { deliveryId } : {}),
    ...(source ? { source } : {}),
    ...(detail ? { detail } : {}),
    ...(movedFrom ? { movedFrom } : {}),
    attributes,
  };
}

export function matchesFilter(message: ParkedMessage, filter: ParkedFilter): boolean {
  const sent = Date.parse(message.sentAt);
  return (
    (filter.type === undefined || message.eventType === filter.type) &&
    (filter.reason === undefined ||
      message.reason === filter.reason ||
      message.reason.startsWith(`${filter.reason}-`)) &&
    (filter.sinceMs === undefined || sent >= filter.sinceMs) &&
    (filter.untilMs === undefined || sent <= filter.untilMs) &&
    (filter.ids === undefined || filter.ids.some((id) => id === message.messageId || id === message.correlationId))
  );
}

/** How long scanned messages stay hidden while a command decides; released as soon as it is done. */
const HOLD_SECONDS = 120;

/**
 * Reads every message of a parked queue, holding each invisible so none is read twice, until a long poll finds
 * nothing more (a short poll samples only some of SQS's servers). Nothing consumes these queues, so holding them
 * delays nobody; `release` makes them visible again.
 */
export async function scanParked(sqs: SQSClient, queueUrl: string, max = 10_000): Promise<ParkedMessage[]> {
  const seen = new Map<string, ParkedMessage>();
  while (seen.size < max) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: HOLD_SECONDS,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp', 'DeadLetterQueueSourceArn', 'ApproximateReceiveCount'],
      }),
    );
    if (!Messages?.length) break;
    for (const message of Messages) seen.set(message.MessageId!, parkedMessageOf(message));
  }
  return [...seen.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** Makes held messages visible again at once. */
export async function release(sqs: SQSClient, queueUrl: string, messages: readonly ParkedMessage[]): Promise<void> {
  for (const batch of chunks(messages, 10)) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.receiptHandle,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}

/** What a move did: the messages now on the target queue, and those left parked because their send failed. */
export interface MoveResult {
  readonly moved: readonly ParkedMessage[];
  readonly failed: readonly { readonly message: ParkedMessage; readonly error: string }[];
}

/**
 * Sends each message back to the queue it is to be processed from, with its event attributes but without the
 * parking reason, and only then deletes it from the parked queue: a crash in between leaves a copy in both,
 * which idempotency absorbs, never none.
 */
export async function moveParked(
  sqs: SQSClient,
  fromUrl: string,
  toUrl: string,
  messages: readonly ParkedMessage[],
): Promise<MoveResult> {
  const moved: ParkedMessage[] = [];
  const failed: { message: ParkedMessage; error: string }[] = [];
  for (const batch of chunks(messages, 10)) {
    const { Failed } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: toUrl,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          MessageBody: message.body,
          MessageAttributes: Object.fromEntries(
            Object.entries(message.attributes).filter(([name]) => !PARKING_ATTRIBUTES.includes(name)),
          ),
        })),
      }),
    );
    const failures = new Map(
      (Failed ?? []).map((entry) => [Number(entry.Id), entry.Message ?? entry.Code ?? 'failed']),
    );
    const sent = batch.filter((message, index) => {
      const error = failures.get(index);
      if (error !== undefined) failed.push({ message, error });
      return error === undefined;
    });
    if (sent.length === 0) continue;
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: fromUrl,
        Entries: sent.map((message, index) => ({ Id: String(index), ReceiptHandle: message.receiptHandle })),
      }),
    );
    moved.push(...sent);
  }
  if (failed.length > 0)
    await release(
      sqs,
      fromUrl,
      failed.map(({ message }) => message),
    );
  return { moved, failed };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
