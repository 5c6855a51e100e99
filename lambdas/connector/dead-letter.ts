import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { fromMessageAttributes, toMessageAttributes } from '../shared/message-attributes';

const MAX_DETAIL_CHARS = 1_000;

/**
 * Sends a record that can never be delivered to the destination's DLQ at once, with why, instead of
 * letting it burn every retry first. The body is kept as it was, so a redrive after a fix re-sends it.
 */
export function deadLetterSender(
  sqs: SQSClient,
  queueUrl: string,
): (record: SQSRecord, reason: string, detail: string) => Promise<void> {
  return async (record, reason, detail) => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          ...toMessageAttributes(fromMessageAttributes(record.messageAttributes)),
          failureReason: { DataType: 'String', StringValue: reason },
          failureDetail: { DataType: 'String', StringValue: detail.slice(0, MAX_DETAIL_CHARS) || '(none)' },
        },
      }),
    );
  };
}
