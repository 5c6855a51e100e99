/**
 * The batch operations. A malformed batch (empty, more than 10 entries, bad or repeated ids, too long in total) fails
 * whole; otherwise each entry succeeds or fails alone, and failures are answered in `Failed` with the code and message
 * the single-message operation would have given.
 */
import { queueNameOf, type OperationContext, type OperationHandler } from './operation-context';
import { wireMessageSize } from './message-validation';
import { parseOperationInput } from './operation-inputs';
import { missingParameter, SqsError } from './sqs-error';

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** One failed entry of a batch, as SQS answers it. */
export interface BatchFailure {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message: string;
}

function checkBatchShape(entryType: string, entries: readonly { readonly Id: string }[]): void {
  if (entries.length === 0) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryType} in the request.`);
  }
  if (entries.length > MAX_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!ENTRY_ID.test(Id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(Id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${Id} repeated.`);
    seen.add(Id);
  }
}

/** Runs `act` for each entry, collecting successes and the SqsErrors of failed entries. */
function eachEntry<Entry extends { readonly Id: string }, Result extends object>(
  entries: readonly Entry[],
  act: (entry: Entry) => Result,
): { Successful: (Result & { Id: string })[]; Failed: BatchFailure[] } {
  const Successful: (Result & { Id: string })[] = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...act(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

const sendMessageBatch: OperationHandler = (raw, context: OperationContext) => {
  const input = parseOperationInput('SendMessageBatch', raw);
  const queueName = queueNameOf(input.QueueUrl);
  const { maximumMessageSize } = context.engine.queue(queueName).settings;
  checkBatchShape('SendMessageBatchRequestEntry', input.Entries);
  const size = input.Entries.reduce(
    (total, entry) => total + wireMessageSize(entry.MessageBody, entry.MessageAttributes),
    0,
  );
  if (size > maximumMessageSize) {
    throw new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${maximumMessageSize} bytes. You have sent ${size} bytes.`,
    );
  }
  return eachEntry(input.Entries, (entry) => context.engine.send(queueName, entry, context.senderId));
};

const deleteMessageBatch: OperationHandler = (raw, context) => {
  const input = parseOperationInput('DeleteMessageBatch', raw);
  const queueName = queueNameOf(input.QueueUrl);
  context.engine.queue(queueName);
  checkBatchShape('DeleteMessageBatchRequestEntry', input.Entries);
  return eachEntry(input.Entries, (entry) => {
    context.engine.deleteMessage(queueName, entry.ReceiptHandle);
    return {};
  });
};

const changeMessageVisibilityBatch: OperationHandler = (raw, context) => {
  const input = parseOperationInput('ChangeMessageVisibilityBatch', raw);
  const queueName = queueNameOf(input.QueueUrl);
  context.engine.queue(queueName);
  checkBatchShape('ChangeMessageVisibilityBatchRequestEntry', input.Entries);
  return eachEntry(input.Entries, (entry) => {
    if (entry.VisibilityTimeout === undefined) throw missingParameter('VisibilityTimeout');
    context.engine.changeVisibility(queueName, entry.ReceiptHandle, entry.VisibilityTimeout);
    return {};
  });
};

/** Handlers of the batch operations, by operation name. */
export const batchOperations: Readonly<Record<string, OperationHandler>> = {
  SendMessageBatch: sendMessageBatch,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
};
