/**
 * What Lambda does with a batch once the function returns, under ReportBatchItemFailures: which records it deletes
 * and which it leaves to reappear. The rules follow the Lambda developer guide: a null or empty response, or an empty
 * or null batchItemFailures, succeeds whole; a malformed response, or an itemIdentifier that is empty, null or not a
 * message id of the batch, fails whole.
 */
import type { SQSRecord } from 'aws-lambda';

/** The batch's fate: the records to delete, or a whole-batch failure with the reason. */
export type BatchOutcome =
  | { readonly ok: true; readonly deleteRecords: readonly SQSRecord[]; readonly failedRecords: readonly SQSRecord[] }
  | { readonly ok: false; readonly reason: string };

const succeedWhole = (records: readonly SQSRecord[]): BatchOutcome => ({
  ok: true,
  deleteRecords: records,
  failedRecords: [],
});

/** Decides a batch's outcome from the handler's resolved value. */
export function decideBatchOutcome(
  records: readonly SQSRecord[],
  response: unknown,
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!reportBatchItemFailures || response === undefined || response === null) return succeedWhole(records);
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { ok: false, reason: 'The function returned a response that is not an SQSBatchResponse object.' };
  }
  const failures: unknown = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return succeedWhole(records);
  if (!Array.isArray(failures)) return { ok: false, reason: 'batchItemFailures is not a list.' };
  const ids = new Set(records.map((record) => record.messageId));
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id: unknown = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) {
      return {
        ok: false,
        reason: `batchItemFailures names ${JSON.stringify(id ?? null)}, which is not a message of this batch.`,
      };
    }
    failedIds.add(id);
  }
  return {
    ok: true,
    deleteRecords: records.filter((record) => !failedIds.has(record.messageId)),
    failedRecords: records.filter((record) => failedIds.has(record.messageId)),
  };
}
