import { startEventSourceMapping } from '../../../local/event-source-mapping';
import { createTestQueue } from '../sqs/helpers/local-sqs-client';
import { useMappingHarness } from './helpers/mapping-harness';
import { waitUntil } from './helpers/wait-until';

const harness = useMappingHarness();

describe('startEventSourceMapping concurrency, batching and stopping', () => {
  it('never runs more batches at once than maxConcurrency', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-concurrency');
    let concurrent = 0;
    let highest = 0;
    let handled = 0;
    harness.startMapping(queue, {
      batchSize: 1,
      maxConcurrency: 3,
      handler: async () => {
        concurrent += 1;
        highest = Math.max(highest, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 150));
        concurrent -= 1;
        handled += 1;
      },
    });

    await harness.sendBodies(
      queue,
      Array.from({ length: 12 }, (_, index) => `m${index}`),
    );
    await waitUntil('every message was handled', () => handled === 12);

    expect(highest).toBeLessThanOrEqual(3);
    expect(highest).toBeGreaterThan(1);
  });

  it('gathers a batch above 10 records within the batching window', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-window');
    await harness.sendBodies(
      queue,
      Array.from({ length: 15 }, (_, index) => `m${index}`),
    );
    const sizes: number[] = [];
    harness.startMapping(queue, {
      batchSize: 20,
      maximumBatchingWindowSeconds: 1,
      maxConcurrency: 1,
      handler: async (event) => {
        sizes.push(event.Records.length);
      },
    });

    await waitUntil('the batch was handled', () => sizes.length === 1);

    expect(sizes).toEqual([15]);
  });

  it('stop() waits for the batch in flight to finish and be deleted, then stops polling', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-drain');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const { mapping } = harness.startMapping(queue, {
      handler: async () => {
        await gate;
        finished = true;
      },
    });
    await harness.sendBodies(queue, ['in flight']);
    await waitUntil('the handler is running', () => mapping.inFlight() === 1);

    let stopped = false;
    const stopping = mapping.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedBeforeRelease = stopped;
    release();
    await stopping;

    expect(stoppedBeforeRelease).toBe(false);
    expect(finished).toBe(true);
    expect(mapping.inFlight()).toBe(0);
    expect(await harness.storedCount(queue)).toBe(0);
  });

  it('stop() ends an idle mapping without waiting out its long polls', async () => {
    const queue = await createTestQueue(harness.fixture().client, 'esm-idle');
    const { mapping } = harness.startMapping(queue, {});
    await new Promise((resolve) => setTimeout(resolve, 50));

    await mapping.stop();

    expect(mapping.inFlight()).toBe(0);
  }, 5_000);

  it('rejects a batch size above 10 without a batching window, as Lambda does', () => {
    expect(() =>
      startEventSourceMapping({
        sqs: harness.fixture().client,
        queueUrl: 'unused',
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:unused',
        functionName: 'f',
        handler: async () => undefined,
        batchSize: 11,
      }),
    ).toThrow(/maximumBatchingWindowSeconds/);
  });
});
