import { SendMessageBatchCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';

/** One message to send; `key` ties a failed send back to whatever produced it. */
export interface OutgoingMessage {
  readonly key: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  readonly delaySeconds?: number;
}

const MAX_ENTRIES = 10;
/** SQS caps a whole batch at 1 MiB; keep clear of it to leave room for attribute encoding overhead. */
const MAX_BATCH_BYTES = 1_000_000;

/**
 * Sends messages to one queue in as few SendMessageBatch calls as SQS allows and returns the keys of
 * those that were not sent, so the caller fails only the records behind them.
 */
export async function sendInBatches(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly OutgoingMessage[],
): Promise<Set<string>> {
  const failed = new Set<string>();
  await Promise.all(
    chunk(messages).map(async (batch) => {
      try {
        const answer = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((message, index) => ({
              Id: String(index),
              MessageBody: message.body,
              MessageAttributes: message.attributes,
              ...(message.delaySeconds ? { DelaySeconds: message.delaySeconds } : {}),
            })),
          }),
        );
        for (const entry of answer.Failed ?? []) {
          const message = batch[Number(entry.Id)];
          if (message) failed.add(message.key);
        }
      } catch {
        for (const message of batch) failed.add(message.key);
      }
    }),
  );
  return failed;
}

function chunk(messages: readonly OutgoingMessage[]): OutgoingMessage[][] {
  const batches: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.body) + attributeBytes(message.attributes);
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function attributeBytes(attributes: Record<string, MessageAttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes)) {
    bytes +=
      Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}
