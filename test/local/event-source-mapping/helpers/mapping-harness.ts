/**
 * A local SQS endpoint with event source mappings on it, registered with jest's hooks: every mapping a test starts is
 * stopped after it, and the endpoint is closed after the file.
 */
import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import {
  startEventSourceMapping,
  type EventSourceMapping,
  type EventSourceMappingOptions,
} from '../../../../local/event-source-mapping';
import { startLocalSqsFixture, type LocalSqsFixture, type TestQueue } from '../../sqs/helpers/local-sqs-client';

/** Mapping options a test may set; the queue and client come from the harness. */
export type MappingOverrides = Partial<Omit<EventSourceMappingOptions, 'sqs' | 'queueUrl' | 'queueArn'>>;

/** What a test file uses to drive mappings against the local endpoint. */
export interface MappingHarness {
  fixture(): LocalSqsFixture;
  /** Starts a mapping whose onError collects into `errors`; its handler does nothing unless overridden. */
  startMapping(queue: TestQueue, overrides: MappingOverrides): { mapping: EventSourceMapping; errors: unknown[] };
  sendBodies(queue: TestQueue, bodies: readonly string[]): Promise<void>;
  /** Messages still in the queue, visible or in flight. */
  storedCount(queue: TestQueue): Promise<number>;
}

/** Registers the harness's hooks in the calling test file and returns it. */
export function useMappingHarness(): MappingHarness {
  let fixture: LocalSqsFixture | undefined;
  const running: EventSourceMapping[] = [];
  const current = (): LocalSqsFixture => {
    if (!fixture) throw new Error('the local SQS endpoint is not started');
    return fixture;
  };

  beforeAll(async () => {
    fixture = await startLocalSqsFixture();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((mapping) => mapping.stop()));
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  return {
    fixture: current,
    startMapping(queue, overrides) {
      const errors: unknown[] = [];
      const mapping = startEventSourceMapping({
        sqs: current().client,
        queueUrl: queue.url,
        queueArn: queue.arn,
        functionName: 'test-function',
        handler: async () => undefined,
        onError: (error) => errors.push(error),
        ...overrides,
      });
      running.push(mapping);
      return { mapping, errors };
    },
    async sendBodies(queue, bodies) {
      for (let start = 0; start < bodies.length; start += 10) {
        const Entries = bodies
          .slice(start, start + 10)
          .map((body, index) => ({ Id: `m${start + index}`, MessageBody: body }));
        await current().client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries }));
      }
    },
    async storedCount(queue) {
      const { Attributes = {} } = await current().client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queue.url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
    },
  };
}
