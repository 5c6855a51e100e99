/** DynamoDB operations that write, each a write request (one or more capacity units). */
const DYNAMODB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const DYNAMODB_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** AWS requests per downstream event delivered (results.json `local.awsCalls`). */
export interface AwsCallsPerEvent {
  readonly dynamodbWritesPerEvent: number;
  readonly dynamodbReadsPerEvent: number;
  /** Every SQS request: sends, the event source mapping's receives, deletes and visibility changes. */
  readonly sqsRequestsPerEvent: number;
  /** The raw counts behind them, by service and operation, for the whole run. */
  readonly byOperation: {
    readonly sqs: Readonly<Record<string, number>>;
    readonly dynamodb: Readonly<Record<string, number>>;
  };
}

const sum = (counts: Readonly<Record<string, number>>, include: (operation: string) => boolean) =>
  Object.entries(counts).reduce((total, [operation, count]) => total + (include(operation) ? count : 0), 0);
const per = (count: number, events: number) => (events > 0 ? Math.round((count / events) * 100) / 100 : 0);

/**
 * The calls a run made over the events it delivered downstream. Table and queue set-up before the run (CreateTable,
 * CreateQueue and the like) is neither a read, a write nor a function's SQS traffic, and is left out.
 */
export function awsCallsPerEvent(calls: AwsCallsPerEvent['byOperation'], deliveredEvents: number): AwsCallsPerEvent {
  const setUp = (operation: string) =>
    /^(Create|Describe|List|Update(Table|TimeToLive)|Delete(Table|Queue)|Tag)/.test(operation) &&
    operation !== 'UpdateItem';
  return {
    dynamodbWritesPerEvent: per(
      sum(calls.dynamodb, (operation) => DYNAMODB_WRITES.has(operation)),
      deliveredEvents,
    ),
    dynamodbReadsPerEvent: per(
      sum(calls.dynamodb, (operation) => DYNAMODB_READS.has(operation)),
      deliveredEvents,
    ),
    sqsRequestsPerEvent: per(
      sum(
        calls.sqs,
        (operation) => !setUp(operation) && operation !== 'GetQueueUrl' && operation !== 'GetQueueAttributes',
      ),
      deliveredEvents,
    ),
    byOperation: calls,
  };
}
