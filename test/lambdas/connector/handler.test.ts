import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import type { ConnectorSettings } from '../../../config/function-settings';
import type { CanonicalEvent } from '../../../schemas';
import { toMessageAttributes } from '../../../lambdas/shared/message-attributes';
import { startFakeDownstream, type DownstreamApi, type FakeDownstream } from '../../../local/downstream';
import { customerEvent, orderEvent, paymentEvent } from '../../helpers/canonical-event-factories';
import { lambdaContext, sqsEventFrom } from '../../helpers/lambda-events';
import { startLocalAws, type LocalAws } from '../../helpers/local-aws';

type ConnectorHandler = (event: unknown, context: unknown) => Promise<SQSBatchResponse>;

let aws: LocalAws;
let erp: FakeDownstream;
let deliveryQueueUrl: string;
let deadLetterQueueUrl: string;
let handler: ConnectorHandler;
/** The ERP settings the suite starts with; tests that build another destination's handler start from them. */
let baseSettings: ConnectorSettings;
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:delivery-erp';

/** Puts events on the delivery queue and receives them as the event source mapping would hand them over. */
async function batchOf(events: readonly CanonicalEvent[]) {
  for (const event of events) {
    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: deliveryQueueUrl,
        MessageBody: JSON.stringify(event),
        MessageAttributes: toMessageAttributes({
          correlationId: event.correlationid,
          source: 'storefront',
          eventType: event.type,
          receivedAt: new Date().toISOString(),
        }),
      }),
    );
  }
  return sqsEventFrom(await aws.peek(deliveryQueueUrl), QUEUE_ARN);
}

beforeAll(async () => {
  aws = await startLocalAws();
  erp = await startFakeDownstream({ name: 'erp' });
  deliveryQueueUrl = await aws.createQueue('delivery-erp');
  deadLetterQueueUrl = await aws.createQueue('delivery-erp-dlq');
  const settings: ConnectorSettings = {
    destination: {
      name: 'erp',
      baseUrl: `${erp.url}/api/v1`,
      auth: { kind: 'none' },
      maxConcurrency: 2,
      requestsPerSecond: 100,
      requestTimeoutMs: 2_000,
      batchSize: 10,
      maxAttempts: 3,
      retryHorizonSeconds: 3600,
      retryBaseSeconds: 1,
      writeFenceSeconds: 10,
      circuitBreaker: { failureThreshold: 50, cooldownSeconds: 1 },
    },
    functionTimeoutSeconds: 60,
    queueUrl: deliveryQueueUrl,
    deadLetterQueueUrl,
    idempotencyTable: aws.tables.Idempotency!,
    stateTable: aws.tables.IntegrationState!,
  };
  baseSettings = settings;
  process.env.INTERCHANGE_SETTINGS = JSON.stringify(settings);
  ({ handler } = (await import('../../../lambdas/connector/handler')) as unknown as { handler: ConnectorHandler });
});

afterAll(async () => {
  await erp.close();
  await aws.close();
});

beforeEach(async () => {
  erp.reset();
  await aws.sqs.send(new (await import('@aws-sdk/client-sqs')).PurgeQueueCommand({ QueueUrl: deliveryQueueUrl }));
});

describe('connector handler', () => {
  test('an order is PUT to the ERP with correlation and idempotency headers', async () => {
    const event = orderEvent({ data: { id: 'storefront:1001' }, correlationId: 'corr-erp-0001' });

    const response = await handler(await batchOf([event]), lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    const [request] = erp.received();
    expect(request).toMatchObject({ method: 'PUT', path: '/api/v1/sales-orders/storefront%3A1001' });
    expect(request?.headers['x-correlation-id']).toBe('corr-erp-0001');
    expect(request?.headers['idempotency-key']).toBe(event.id);
    expect(request?.json).toMatchObject({ externalId: 'storefront:1001', totals: { totalMinor: 40800 } });
  });

  test('the same message delivered twice causes exactly one request', async () => {
    const event = orderEvent({ data: { id: 'storefront:1002' } });
    const batch = await batchOf([event]);

    await handler(batch, lambdaContext('connector-erp'));
    await handler(batch, lambdaContext('connector-erp'));

    expect(erp.received()).toHaveLength(1);
  });

  test('two copies of one event in concurrent invocations deliver once; the loser is retried, not lost', async () => {
    const event = orderEvent({ data: { id: 'storefront:1003' } });
    erp.setFaults({ latencyMs: 200 });
    const batch = await batchOf([event]);

    const [first, second] = await Promise.all([
      handler(batch, lambdaContext('connector-erp')),
      handler(batch, lambdaContext('connector-erp')),
    ]);

    expect(erp.received()).toHaveLength(1);
    expect(first.batchItemFailures.length + second.batchItemFailures.length).toBe(1);
  });

  test('a 500 is retried once within the invocation', async () => {
    erp.setFaults({ statuses: [500] });

    const response = await handler(
      await batchOf([orderEvent({ data: { id: 'storefront:1010' } })]),
      lambdaContext('connector-erp'),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(erp.received().map((request) => request.status)).toEqual([500, 200]);
  });

  test('a 500 that persists fails that record alone and leaves no idempotency record, so the retry delivers', async () => {
    const failing = orderEvent({ data: { id: 'storefront:1004' } });
    const healthy = orderEvent({ data: { id: 'storefront:1005' } });
    const batch = await batchOf([failing, healthy]);
    erp.setFaults({ statuses: [500, 500, 500] });

    const response = await handler(batch, lambdaContext('connector-erp'));
    const retry = await handler(
      {
        Records: batch.Records.filter((record) =>
          response.batchItemFailures.some((f) => f.itemIdentifier === record.messageId),
        ),
      },
      lambdaContext('connector-erp'),
    );

    expect(response.batchItemFailures).toHaveLength(1);
    expect(retry.batchItemFailures).toEqual([]);
    expect(
      erp
        .accepted()
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/api/v1/sales-orders/storefront%3A1004', '/api/v1/sales-orders/storefront%3A1005']);
  });

  test('a permanent 400 goes to the DLQ at once with its reason, and the batch succeeds', async () => {
    erp.setFaults({ permanentStatus: 400 });
    const event = orderEvent({ data: { id: 'storefront:1006' } });

    const response = await handler(await batchOf([event]), lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    const [dead] = await aws.peek(deadLetterQueueUrl);
    expect(JSON.parse(dead!.Body!).id).toBe(event.id);
    expect(dead!.MessageAttributes?.failureReason?.StringValue).toBe('refused-400');
    expect(dead!.MessageAttributes?.correlationId?.StringValue).toBe(event.correlationid);
  });

  test('a body that is not a canonical event is dead-lettered without calling the ERP', async () => {
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: deliveryQueueUrl, MessageBody: '{"type":"nope"}' }));
    const batch = sqsEventFrom(await aws.peek(deliveryQueueUrl), QUEUE_ARN);

    const response = await handler(batch, lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    expect(erp.received()).toHaveLength(0);
    const reasons = (await aws.peek(deadLetterQueueUrl)).map((m) => m.MessageAttributes?.failureReason?.StringValue);
    expect(reasons).toContain('invalid-event');
  });

  test('an older version of an order after a newer one is dropped as stale, with no request', async () => {
    const newer = orderEvent({ data: { id: 'storefront:1020' }, version: 2_000 });
    const older = orderEvent({ data: { id: 'storefront:1020' }, version: 1_000 });

    await handler(await batchOf([newer]), lambdaContext('connector-erp'));
    await aws.sqs.send(new (await import('@aws-sdk/client-sqs')).PurgeQueueCommand({ QueueUrl: deliveryQueueUrl }));
    const response = await handler(await batchOf([older]), lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    expect(erp.received().map((request) => (request.json as { version: number }).version)).toEqual([2_000]);
  });

  test.each([
    ['a customer', (version: number) => customerEvent({ data: { id: 'storefront:c-1030' }, version })],
    ['a payment', (version: number) => paymentEvent({ data: { id: 'payments:p-1031' }, version })],
  ])('%s is ordered too: an older version after a newer one is dropped unsent', async (_name, eventAt) => {
    await handler(await batchOf([eventAt(2_000)]), lambdaContext('connector-erp'));
    await aws.sqs.send(new (await import('@aws-sdk/client-sqs')).PurgeQueueCommand({ QueueUrl: deliveryQueueUrl }));
    const response = await handler(await batchOf([eventAt(1_000)]), lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    expect(erp.received().map((request) => (request.json as { version: number }).version)).toEqual([2_000]);
  });

  test('a send that timed out fences its order: the next version waits instead of overtaking it', async () => {
    erp.setFaults({ latencyMs: 3_000 });
    const first = orderEvent({ data: { id: 'storefront:1021' }, version: 1_000 });
    const second = orderEvent({ data: { id: 'storefront:1021' }, version: 2_000 });

    const timedOut = await handler(await batchOf([first]), lambdaContext('connector-erp'));
    await aws.sqs.send(new (await import('@aws-sdk/client-sqs')).PurgeQueueCommand({ QueueUrl: deliveryQueueUrl }));
    erp.clearFaults();
    const held = await handler(await batchOf([second]), lambdaContext('connector-erp'));

    expect(timedOut.batchItemFailures).toHaveLength(1);
    expect(held.batchItemFailures).toHaveLength(1);
    expect(erp.received().map((request) => (request.json as { version: number }).version)).toEqual([1_000]);
  });

  test('a record failing past its horizon is dead-lettered with horizon-exceeded', async () => {
    erp.setFaults({ permanentStatus: 503 });
    const event = orderEvent({ data: { id: 'storefront:1022' } });
    const batch = await batchOf([event]);
    batch.Records[0]!.attributes.ApproximateFirstReceiveTimestamp = String(Date.now() - 3_601_000);

    const response = await handler(batch, lambdaContext('connector-erp'));

    expect(response.batchItemFailures).toEqual([]);
    expect(erp.accepted()).toHaveLength(0);
    const dead = (await aws.peek(deadLetterQueueUrl)).find((message) => JSON.parse(message.Body!).id === event.id);
    expect(dead?.MessageAttributes?.failureReason?.StringValue).toBe('horizon-exceeded');
  });

  test('attempts that reached the ERP are counted across receives; the budget spent, the event is dead-lettered', async () => {
    erp.setFaults({ permanentStatus: 503 });
    const event = orderEvent({ data: { id: 'storefront:1023' } });
    const batch = await batchOf([event]);

    const answers = [];
    for (let receive = 0; receive < 3; receive += 1) answers.push(await handler(batch, lambdaContext('connector-erp')));

    expect(answers.map((answer) => answer.batchItemFailures.length)).toEqual([1, 1, 0]);
    expect(erp.received()).toHaveLength(6);
    const dead = (await aws.peek(deadLetterQueueUrl)).find((message) => JSON.parse(message.Body!).id === event.id);
    expect(dead?.MessageAttributes?.failureReason?.StringValue).toBe('attempts-exhausted');
  });

  test('an OAuth2 destination gets a bearer token from its credentials secret, reused across deliveries', async () => {
    const crm = await startFakeDownstream({
      name: 'crm',
      auth: { scheme: 'oauth2-client-credentials', clientId: 'interchange', clientSecret: 'client-secret-1' },
    });
    aws.secrets.putSecret(
      'dev/crm-credentials',
      JSON.stringify({ clientId: 'interchange', clientSecret: 'client-secret-1' }),
    );
    let crmHandler: ConnectorHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.INTERCHANGE_SETTINGS = JSON.stringify({
        ...baseSettings,
        destination: {
          ...baseSettings.destination,
          name: 'crm',
          baseUrl: crm.url,
          auth: {
            kind: 'oauth2-client-credentials',
            tokenUrl: `${crm.url}/oauth/token`,
            secretName: 'crm-credentials',
          },
        },
        credentialsSecretId: 'dev/crm-credentials',
      });
      ({ handler: crmHandler } = (await import('../../../lambdas/connector/handler')) as unknown as {
        handler: ConnectorHandler;
      });
    });

    const first = await crmHandler!(await batchOf([orderEvent({ data: { id: 'storefront:2001' } })]), lambdaContext());
    const second = await crmHandler!(await batchOf([orderEvent({ data: { id: 'storefront:2002' } })]), lambdaContext());
    await crm.close();

    expect([...first.batchItemFailures, ...second.batchItemFailures]).toEqual([]);
    expect(crm.tokenRequests()).toHaveLength(1);
    expect(crm.accepted().map((request) => request.headers.authorization)).toEqual([
      expect.stringMatching(/^Bearer /),
      expect.stringMatching(/^Bearer /),
    ]);
  });

  test('a 3PL answering 409 to a create (its order made meanwhile) counts it delivered instead of retrying it', async () => {
    // The lookup finds nothing, then the create meets an order made in between (a timed-out create that landed).
    const raced: DownstreamApi = {
      answer: (method) =>
        method === 'GET' ? { status: 200, body: [] } : { status: 409, body: { message: 'reference_id exists' } },
      state: () => new Map(),
      reset: () => undefined,
    };
    const threePl = await startFakeDownstream({ name: 'fulfillment', api: raced });
    let fulfillment: ConnectorHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.INTERCHANGE_SETTINGS = JSON.stringify({
        ...baseSettings,
        destination: { ...baseSettings.destination, name: 'fulfillment', baseUrl: threePl.url },
      });
      ({ handler: fulfillment } = (await import('../../../lambdas/connector/handler')) as unknown as {
        handler: ConnectorHandler;
      });
    });

    const response = await fulfillment!(
      await batchOf([orderEvent({ data: { id: 'storefront:3001' } })]),
      lambdaContext(),
    );
    await threePl.close();

    expect(response.batchItemFailures).toEqual([]);
    expect(threePl.received().map((request) => [request.method, request.status])).toEqual([
      ['GET', 200],
      ['POST', 409],
    ]);
  });

  test('analytics gets one batch request for the records of one invocation, each event counted once', async () => {
    const analytics = await startFakeDownstream({ name: 'analytics' });
    let analyticsHandler: ConnectorHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.INTERCHANGE_SETTINGS = JSON.stringify({
        ...baseSettings,
        destination: { ...baseSettings.destination, name: 'analytics', baseUrl: analytics.url },
      });
      ({ handler: analyticsHandler } = (await import('../../../lambdas/connector/handler')) as unknown as {
        handler: ConnectorHandler;
      });
    });
    const events = [4001, 4002, 4003].map((id) => orderEvent({ data: { id: `storefront:${id}` } }));

    const response = await analyticsHandler!(await batchOf(events), lambdaContext());
    await analytics.close();

    expect(response.batchItemFailures).toEqual([]);
    const requests = analytics.received();
    expect(requests.map((request) => request.path)).toEqual(['/batch']);
    expect(
      (requests[0]!.json as { batch: { messageId: string }[] }).batch.map((entry) => entry.messageId).sort(),
    ).toEqual(events.map((event) => event.id).sort());
  });
});
