import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { FunctionTimeoutError, InvalidBatchResponseError } from '../../../local/event-source-mapping';
import { createQueueWithDeadLetterQueue, createTestQueue } from '../sqs/helpers/local-sqs-client';
import { useMappingHarness } from './helpers/mapping-harness';
import { waitUntil } from './helpers/wait-until';

const harness = useMappingHarness();
const bodiesOf = (records: readonly SQSRecord[]): string[] => records.map((record) => record.body).sort();

describe('startEventSourceMapping delivery', () => {
  it('invokes the handler with Lambda-shaped records and deletes them after success', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-success');
    const events: SQSEvent[] = [];
    harness.startMapping(queue, {
      handler: async (event) => {
        events.push(event);
      },
    });

    await harness.sendBodies(queue, ['one', 'two']);
    await waitUntil(
      'both records were handled and deleted',
      async () => events.flatMap((event) => event.Records).length === 2 && (await harness.storedCount(queue)) === 0,
    );

    const record = events[0]?.Records[0];
    expect(bodiesOf(events.flatMap((event) => event.Records))).toEqual(['one', 'two']);
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1', SenderId: 'local', SentTimestamp: expect.stringMatching(/^\d+$/) },
      messageAttributes: {},
    });
  });

  it('gives the handler a context that names the function and counts down from its timeout', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-context');
    const remaining: number[] = [];
    const arns: string[] = [];
    harness.startMapping(queue, {
      functionName: 'transform',
      functionTimeoutSeconds: 5,
      handler: async (_event, context) => {
        remaining.push(context.getRemainingTimeInMillis());
        arns.push(context.invokedFunctionArn);
      },
    });

    await harness.sendBodies(queue, ['x']);
    await waitUntil('the handler ran', () => remaining.length === 1);

    expect(remaining[0]).toBeGreaterThan(0);
    expect(remaining[0]).toBeLessThanOrEqual(5_000);
    expect(arns).toEqual(['arn:aws:lambda:us-east-1:000000000000:function:transform']);
  });

  it('deletes the successful records of a partial batch failure and leaves only the failed ones', async () => {
    const { source, deadLetter } = await createQueueWithDeadLetterQueue(harness.fixture().client, 'esm-partial', 1, {
      VisibilityTimeout: '1',
    });
    const handled: string[] = [];
    harness.startMapping(source, {
      handler: async (event) => {
        handled.push(...event.Records.map((record) => record.body));
        const failed = event.Records.filter((record) => record.body.startsWith('fail'));
        return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });

    await harness.sendBodies(source, ['ok-1', 'fail-1', 'ok-2', 'fail-2']);
    await waitUntil('the failed records were dead-lettered', async () => (await harness.storedCount(deadLetter)) === 2);
    const { Messages = [] } = await harness
      .fixture()
      .client.send(new ReceiveMessageCommand({ QueueUrl: deadLetter.url, MaxNumberOfMessages: 10 }));

    expect(Messages.map((message) => message.Body).sort()).toEqual(['fail-1', 'fail-2']);
    expect(handled.filter((body) => body.startsWith('ok')).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('leaves the whole batch to reappear when the handler throws', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-throw', { VisibilityTimeout: '1' });
    const invocations: SQSRecord[][] = [];
    const { errors } = harness.startMapping(queue, {
      batchSize: 10,
      handler: async (event) => {
        invocations.push(event.Records);
        if (invocations.length === 1) throw new Error('downstream is down');
      },
    });

    await harness.sendBodies(queue, ['a', 'b', 'c']);
    await waitUntil(
      'the batch came back and succeeded',
      async () => invocations.length >= 2 && (await harness.storedCount(queue)) === 0,
    );

    expect(bodiesOf(invocations[0] ?? [])).toEqual(['a', 'b', 'c']);
    expect(bodiesOf(invocations.slice(1).flat())).toEqual(['a', 'b', 'c']);
    expect(invocations[1]?.every((record) => record.attributes.ApproximateReceiveCount === '2')).toBe(true);
    expect(errors).toEqual([expect.objectContaining({ message: 'downstream is down' })]);
  });

  it('fails the whole batch when batchItemFailures names a message not in it', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-unknown-id', { VisibilityTimeout: '1' });
    const invocations: SQSRecord[][] = [];
    const { errors } = harness.startMapping(queue, {
      handler: async (event) => {
        invocations.push(event.Records);
        return invocations.length === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] } : undefined;
      },
    });

    await harness.sendBodies(queue, ['p', 'q']);
    await waitUntil(
      'the batch came back and succeeded',
      async () => invocations.length >= 2 && (await harness.storedCount(queue)) === 0,
    );

    expect(bodiesOf(invocations.slice(1).flat())).toEqual(['p', 'q']);
    expect(errors[0]).toBeInstanceOf(InvalidBatchResponseError);
  });

  it('fails a batch whose handler outlives the function timeout', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-timeout', { VisibilityTimeout: '1' });
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const counts: string[] = [];
    const { errors } = harness.startMapping(queue, {
      functionTimeoutSeconds: 0.2,
      handler: async (event) => {
        counts.push(...event.Records.map((record) => record.attributes.ApproximateReceiveCount));
        if (counts.length === 1) await stalled;
      },
    });

    await harness.sendBodies(queue, ['slow']);
    await waitUntil(
      'the message was delivered again and deleted',
      async () => counts.length === 2 && (await harness.storedCount(queue)) === 0,
    );
    release();

    expect(counts).toEqual(['1', '2']);
    expect(errors[0]).toBeInstanceOf(FunctionTimeoutError);
  });
});
