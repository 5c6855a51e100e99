import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { SQS_MAX_VISIBILITY_SECONDS } from '../shared/retry-policy';

/** SQS counts its 12-hour visibility limit from this receive; keep clear of it. */
const MAX_DEFERRAL_SECONDS = SQS_MAX_VISIBILITY_SECONDS - 300;

/**
 * Hands a record back to its queue to come back after a delay, instead of sleeping in a paid invocation. The
 * batch then reports the record as failed, and SQS keeps it hidden for the delay set here.
 */
export function recordDeferrer(
  sqs: SQSClient,
  queueUrl: string,
): (record: SQSRecord, delaySeconds: number) => Promise<void> {
  return async (record, delaySeconds) => {
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: Math.max(0, Math.min(MAX_DEFERRAL_SECONDS, Math.round(delaySeconds))),
      }),
    );
  };
}
