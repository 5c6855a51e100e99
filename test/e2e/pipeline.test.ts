import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { circuitFromItem, circuitKey } from '../../lambdas/connector/circuit-breaker/circuit-record';
import type { LocalPipeline } from '../../local/pipeline';
import { erpWritesFor, eventually, postOrder, queueCounts, startE2ePipeline, storefrontOrder } from './helpers/harness';

let pipeline: LocalPipeline;

beforeAll(async () => {
  pipeline = await startE2ePipeline();
});

afterAll(() => pipeline.close());

beforeEach(() => {
  for (const downstream of pipeline.downstreams.values()) downstream.reset();
});

describe('local pipeline, end to end', () => {
  test('a signed order reaches the ERP once, carrying the correlation id from the webhook', async () => {
    const { orderId, body } = storefrontOrder(1);

    const answer = await postOrder(pipeline, body);

    expect(answer.status).toBe(202);
    await eventually('the ERP write', () => erpWritesFor(pipeline, orderId).length === 1);
    const [write] = erpWritesFor(pipeline, orderId);
    expect(write!.headers['x-correlation-id']).toBe(answer.correlationId);
    expect(write!.method).toBe('PUT');
    await eventually('analytics and CRM copies', () =>
      ['crm', 'analytics'].every((name) => pipeline.downstreams.get(name)!.accepted().length === 1),
    );
  });

  test('the same webhook delivered twice by the vendor reaches the ERP once', async () => {
    const { orderId, body } = storefrontOrder(2);

    const answers = [await postOrder(pipeline, body, 'retry-1'), await postOrder(pipeline, body, 'retry-1')];

    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    await eventually(
      'both copies processed',
      () => pipeline.metrics.sum('DuplicateSkipped', { destination: 'erp' }) >= 1,
    );
    expect(erpWritesFor(pipeline, orderId)).toHaveLength(1);
  });

  test('a destination that fails for a while then recovers receives every event exactly once', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    const failedBefore = pipeline.metrics.sum('DeliveryFailed', { destination: 'erp' });
    erp.setFaults({ statuses: [503, 503, 503, 503, 503, 503, 503] });
    const orders = [10, 11, 12, 13, 14].map(storefrontOrder);

    for (const order of orders) expect((await postOrder(pipeline, order.body)).status).toBe(202);

    await eventually(
      'every order at the ERP',
      () => orders.every((order) => erpWritesFor(pipeline, order.orderId).length > 0),
      30_000,
    );
    for (const order of orders) expect(erpWritesFor(pipeline, order.orderId)).toHaveLength(1);
    expect(pipeline.metrics.sum('DeliveryFailed', { destination: 'erp' })).toBeGreaterThan(failedBefore);
    // The last records are deleted just after their write is answered.
    await eventually('the delivery queue drained', async () => (await queueCounts(pipeline, 'erp')).queued === 0);
    expect(await queueCounts(pipeline, 'erp')).toEqual({ queued: 0, deadLettered: 0 });
  });

  test('a destination that never recovers leaves every event in its DLQ, and a redrive delivers them', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    erp.setFaults({ errorRate: 1, errorStatus: 503 });
    const orders = [20, 21, 22].map(storefrontOrder);

    for (const order of orders) expect((await postOrder(pipeline, order.body)).status).toBe(202);

    await eventually(
      'every order dead-lettered',
      async () => (await queueCounts(pipeline, 'erp')).deadLettered === 3,
      60_000,
    );
    expect(erp.accepted()).toHaveLength(0);

    erp.clearFaults();
    // Redriven events are older than the e2e horizon (20 s), so one that met the circuit still open would be
    // dead-lettered again as horizon-exceeded: the redrive waits for the end of the circuit's own cooldown, which
    // every failed probe doubled.
    const cooldownLeftMs = await circuitCooldownLeftMs('erp');
    await new Promise((resolve) => setTimeout(resolve, cooldownLeftMs));
    const queue = pipeline.topology.deliveryQueues.get('erp')!;
    const dlq = queue.deadLetter;
    // The connector dead-letters with a reason itself, so the DLQ's messages name no source queue: redrive names it.
    await pipeline.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: queue.arn }));
    const tasks = await pipeline.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(tasks.Results?.[0]?.Status).toBe('COMPLETED');

    // The first redriven event is the circuit's probe; it finds the ERP up and the rest follow.
    await eventually(
      'every order delivered after the redrive',
      () => orders.every((order) => erpWritesFor(pipeline, order.orderId).length === 1),
      45_000,
    );
    await eventually('the delivery queue drained', async () => (await queueCounts(pipeline, 'erp')).queued === 0);
    expect(await queueCounts(pipeline, 'erp')).toEqual({ queued: 0, deadLettered: 0 });
  }, 240_000);

  test('counts reconcile: every accepted order is delivered to each routed destination or dead-lettered', async () => {
    const destinations = ['erp', 'crm', 'analytics'] as const;
    await eventually('queues drained', async () => {
      const counts = await Promise.all(destinations.map((name) => queueCounts(pipeline, name)));
      return counts.every((count) => count.queued === 0);
    });
    const accepted = pipeline.metrics.sum('WebhookAccepted', { source: 'storefront' });
    for (const destination of destinations) {
      const delivered = pipeline.metrics.sum('Delivered', { destination });
      const skipped = pipeline.metrics.sum('DuplicateSkipped', { destination });
      const { deadLettered } = await queueCounts(pipeline, destination);
      expect({ destination, total: delivered + skipped + deadLettered }).toEqual({ destination, total: accepted });
    }
  });
});

/** How long a destination's circuit stays shut from now, as its state item says (0 when closed). */
async function circuitCooldownLeftMs(destination: string): Promise<number> {
  const env = pipeline.awsEnvironment;
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  try {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: pipeline.topology.resolved.stateTable, Key: circuitKey(destination) }),
    );
    const { state } = circuitFromItem(Item);
    const until = state.kind === 'open' ? state.openUntilMs : state.kind === 'half-open' ? state.probeUntilMs : 0;
    return Math.max(0, until - Date.now());
  } finally {
    client.destroy();
  }
}
