import { awsCallsPerEvent } from '../../../bench/e2e/aws-calls';

describe('AWS calls per delivered event', () => {
  test('counts writes, reads and the functions’ SQS requests over the events delivered, leaving set-up out', () => {
    const calls = {
      dynamodb: { CreateTable: 2, DescribeTable: 4, PutItem: 10, UpdateItem: 30, DeleteItem: 2, GetItem: 7, Query: 1 },
      sqs: { CreateQueue: 20, GetQueueAttributes: 40, SendMessageBatch: 12, ReceiveMessage: 50, DeleteMessageBatch: 8 },
    };

    expect(awsCallsPerEvent(calls, 20)).toEqual({
      dynamodbWritesPerEvent: 2.1,
      dynamodbReadsPerEvent: 0.4,
      sqsRequestsPerEvent: 3.5,
      byOperation: calls,
    });
    expect(awsCallsPerEvent(calls, 0).dynamodbWritesPerEvent).toBe(0);
  });
});
