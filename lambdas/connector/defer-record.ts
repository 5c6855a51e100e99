import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { SQS_MAX_VISIBILITY_SECONDS } from '../shared/retry-policy';

/** SQS counts its 12-hour visibility limit from this receive; keep clear of it. */
const MAX_DEFERRAL_SECONDS = SQS_MAX_VISIBILITY_SECONDS - 300;
/** ChangeMessageVisibilityBatch takes at most ten entries. */
const MAX_BATCH = 10;

/** The deferrals of one invocation, gathered and sent together once its records are processed. */
export interface BatchDeferrer {
  defer(record: SQSRecord, delaySeconds: number): void;
  /** Sends every gathered deferral, ten to a call; a record whose change failed comes back after the queue's own visibility timeout. */
  flush(): Promise<void>;
}

/**
 * Hands records back to their queue to come back after a delay, instead of sleeping in a paid invocation. The
 * batch reports them as failed, and SQS keeps each hidden for the delay set here: a batch deferred for an open
 * circuit costs one ChangeMessageVisibilityBatch call, not one call per record.
 */
export function batchDeferrer(sqs: SQSClient, queueUrl: string): BatchDeferrer {
  const pending: { record: SQSRecord; delaySeconds: number }[] = [];
  return {
    defer(record, delaySeconds) {
      pending.push({ record, delaySeconds });
    },
    async flush() {
      const chunks: (typeof pending)[] = [];
      for (let index = 0; index < pending.length; index += MAX_BATCH)
        chunks.push(pending.slice(index, index + MAX_BATCH));
      pending.length = 0;
      await Promise.all(
        chunks.map((chunk) =>
          sqs.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl: queueUrl,
              Entries: chunk.map(({ record, delaySeconds }, index) => ({
                Id: String(index),
                ReceiptHandle: record.receiptHandle,
                VisibilityTimeout: Math.max(0, Math.min(MAX_DEFERRAL_SECONDS, Math.round(delaySeconds))),
              })),
            }),
          ),
        ),
      );
    },
  };
}
