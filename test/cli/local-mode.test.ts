import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readLocalEndpoints } from '../../cli/local-endpoints';
import type { ParkedMessage } from '../../cli/parked-messages';
import type { PipelineStatus } from '../../cli/status';
import type { Trace } from '../../cli/trace';
import { localEndpointsOf, removeEndpointsFile, writeEndpointsFile } from '../../local/endpoints-file';
import type { LocalPipeline } from '../../local/pipeline';
import { startLocalPipeline } from '../../local/pipeline';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { e2eConfig, eventually, postOrder, queueCounts, storefrontOrder } from '../e2e/helpers/harness';
import { cliRunner, jsonOf } from './helpers';

/**
 * The command line against local mode as `npm start` runs it: functions print to `.local/logs/`-style files, the
 * endpoints file says where everything is, and each command is checked against what the pipeline really did.
 */
let dir: string;
let pipeline: LocalPipeline;
let endpointsFile: string;
let cli: ReturnType<typeof cliRunner>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'interchange-cli-'));
  const logsDir = path.join(dir, 'logs');
  mkdirSync(logsDir);
  // The stage's own visibility, and attempts to spare: an invocation slowed by a loaded machine must not see its
  // record received again and dead-lettered while it still runs.
  pipeline = await startLocalPipeline({
    config: e2eConfig(8),
    port: 0,
    logLevel: 'INFO',
    onFunctionOutput: (name, line) => appendFileSync(path.join(logsDir, `${name}.log`), `${line}\n`),
  });
  endpointsFile = path.join(dir, 'endpoints.json');
  writeEndpointsFile(localEndpointsOf(pipeline, logsDir), endpointsFile);
  cli = cliRunner({ endpointsFile });
});

afterAll(async () => {
  await pipeline.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An order of its own: a distinct Shopify id and order number per test. */
function order(n: number, orderNumber: string) {
  const { orderId, body } = storefrontOrder(n);
  return { orderId, body: body.split('"#9999"').join(JSON.stringify(orderNumber)) };
}

const deliveredTo = (destination: string, orderId: string) =>
  pipeline.downstreams
    .get(destination)!
    .accepted()
    .some((request) => JSON.stringify(request.body).includes(orderId) || request.path.includes(orderId));

describe('the endpoints file', () => {
  test('names every stand-in, queue, downstream and the logs folder, and reads back as written', () => {
    const endpoints = readLocalEndpoints(endpointsFile);
    expect(endpoints.endpoints.sqs).toBe(pipeline.awsEnvironment.AWS_ENDPOINT_URL_SQS);
    expect(endpoints.apiUrl).toBe(pipeline.apiUrl);
    expect(Object.keys(endpoints.sources)).toEqual(pipeline.config.sources.map((source) => source.name));
    expect(endpoints.destinations.erp).toEqual({
      queueUrl: pipeline.topology.deliveryQueues.get('erp')!.url,
      deadLetterQueueUrl: pipeline.topology.deliveryQueues.get('erp')!.deadLetter.url,
      downstreamUrl: pipeline.downstreams.get('erp')!.url,
    });
    expect(endpoints.pid).toBe(process.pid);
  });

  test('is removed on a clean stop, after which the command line says local mode is not running', async () => {
    const copy = path.join(dir, 'stopped.json');
    writeEndpointsFile(localEndpointsOf(pipeline, dir), copy);
    expect(existsSync(copy)).toBe(true);
    removeEndpointsFile(copy);
    expect(existsSync(copy)).toBe(false);
    const result = await cliRunner({ endpointsFile: copy })('status');
    expect(result.code).toBe(1);
    expect(result.err).toContain('no local mode running');
    expect(result.err).toContain('npm start');
  });
});

describe('interchange trace', () => {
  test('shows every hop and every attempt of an order, a vendor retry linked, by correlation id and by order number', async () => {
    const { orderId, body } = order(7001, '#T7001');
    pipeline.downstreams.get('erp')!.setFaults({ statuses: [503, 503] });
    const first = await postOrder(pipeline, body, 'shopify-delivery-7001');
    expect(first.status).toBe(202);
    await eventually('erp took the order after two 503s', () => deliveredTo('erp', orderId), 30_000);
    pipeline.downstreams.get('erp')!.clearFaults();
    const correlationId = first.correlationId!;
    // Shopify retries a delivery it thinks failed with the same X-Shopify-Webhook-Id.
    const retry = await postOrder(pipeline, body, 'shopify-delivery-7001');
    const retryCorrelationId = retry.correlationId!;
    expect(retryCorrelationId).not.toBe(correlationId);
    // Named, not counted: the order goes to four connectors, and the ERP's skip, asserted below, may come last.
    await eventually('the retry skipped at the ERP, the CRM and analytics', async () => {
      const trace = jsonOf<Trace>(await cli('--json', 'trace', correlationId));
      const skippedAt = new Set(
        trace.steps
          .filter((step) => step.correlationId === retryCorrelationId && step.message === 'duplicate skipped')
          .map((step) => step.service),
      );
      return ['connector-erp', 'connector-crm', 'connector-analytics'].every((service) => skippedAt.has(service));
    });

    const byCorrelation = jsonOf<Trace>(await cli('--json', 'trace', correlationId));
    expect(byCorrelation.deliveries.map((d) => [d.correlationId, d.deliveryId, d.retryOf])).toEqual([
      [correlationId, 'shopify-delivery-7001', undefined],
      [retryCorrelationId, 'shopify-delivery-7001', correlationId],
    ]);
    const firstSteps = byCorrelation.steps.filter((step) => step.correlationId === correlationId);
    expect(firstSteps[0]).toMatchObject({ service: 'ingest-storefront', message: 'webhook accepted' });
    const mapped = firstSteps.find((step) => step.message === 'record mapped')!;
    expect(mapped.events![0]!.destinations).toEqual(expect.arrayContaining(['erp', 'crm', 'analytics']));
    const erp = byCorrelation.destinations.find((d) => d.destination === 'erp')!;
    expect(erp.attempts.map((attempt) => [attempt.status, attempt.outcome])).toEqual([
      [503, 'transient'],
      [503, 'transient'],
      [200, 'delivered'],
    ]);
    expect(erp.attempts.every((attempt) => typeof attempt.latencyMs === 'number')).toBe(true);
    const deliveredDestinations = byCorrelation.destinations.filter((d) =>
      d.attempts.some((attempt) => attempt.outcome === 'delivered'),
    );
    expect(deliveredDestinations.length).toBeGreaterThanOrEqual(3);
    // Each other destination answered once: the order's attempts are the two 503s plus one success per destination.
    for (const other of deliveredDestinations.filter((d) => d.destination !== 'erp')) {
      expect(other.attempts.map((attempt) => attempt.outcome)).toEqual(['delivered']);
    }
    expect(
      byCorrelation.steps.some((step) => step.message === 'delivery deferred' && step.service === 'connector-erp'),
    ).toBe(true);

    const byOrderNumber = jsonOf<Trace>(await cli('--json', 'trace', 'T7001'));
    expect(byOrderNumber.steps).toEqual(byCorrelation.steps);
    expect(jsonOf<Trace>(await cli('--json', 'trace', 'shopify-delivery-7001')).steps).toEqual(byCorrelation.steps);

    const human = await cli('trace', correlationId);
    expect(human.code).toBe(0);
    expect(human.out).toContain(`vendor retry of ${correlationId}`);
    expect(human.out).toMatch(/connector-erp\s+delivery attempt\s+503\s+\d+ms\s+transient/);
    expect(human.out).toMatch(/\berp\s+3\s+503 503 200\s+delivered\s+1/);
    expect(human.out).not.toContain('\u001b[');
  });

  test('an id no line names is an error that says so', async () => {
    const result = await cli('trace', 'no-such-order-0000');
    expect(result.code).toBe(1);
    expect(result.err).toContain('no log line names "no-such-order-0000"');
  });
});

describe('interchange dlq and quarantine', () => {
  test('dlq list, show and a filtered redrive move exactly the matching dead letters', async () => {
    const crm = pipeline.downstreams.get('crm')!;
    crm.setFaults({ permanentStatus: 422 });
    const orders = [7101, 7102].map((n) => order(n, `#T${n}`));
    for (const { body } of orders) expect((await postOrder(pipeline, body)).status).toBe(202);
    await eventually(
      'both orders dead-lettered at the crm',
      async () => (await queueCounts(pipeline, 'crm')).deadLettered >= 2,
    );
    crm.clearFaults();

    const listed = jsonOf<ParkedMessage[]>(await cli('--json', 'dlq', 'list', 'crm', '--reason', 'refused'));
    expect(listed.map((message) => message.reason)).toEqual(['refused-422', 'refused-422']);
    const [target, other] = listed;
    const shown = jsonOf<{ body: string; attributes: Record<string, string> }[]>(
      await cli('--json', 'dlq', 'show', 'crm', target!.correlationId),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.attributes.failureReason).toBe('refused-422');

    const dryRun = jsonOf<{ count: number }>(
      await cli('--json', 'dlq', 'redrive', 'crm', '--id', target!.messageId, '--dry-run'),
    );
    expect(dryRun.count).toBe(1);
    expect((await queueCounts(pipeline, 'crm')).deadLettered).toBe(2);

    const redriven = await cli('dlq', 'redrive', 'crm', '--id', target!.messageId);
    expect(redriven.out).toContain('Redrove 1 message(s) of destination crm');
    const targetOrder = orders.find((o) => shown[0]!.body.includes(o.orderId))!;
    await eventually('the redriven order reached the crm', () => deliveredTo('crm', targetOrder.orderId));
    const left = jsonOf<ParkedMessage[]>(await cli('--json', 'dlq', 'list', 'crm'));
    expect(left.map((message) => message.messageId)).toEqual([other!.messageId]);
  });

  test('quarantine replay sends only the filtered records back through the transform', async () => {
    const { body } = order(7201, '#T7201');
    const drifted = JSON.stringify({ ...JSON.parse(body), line_items: 'not a list' });
    expect((await postOrder(pipeline, drifted)).status).toBe(202);
    await eventually(
      'the drifted order is quarantined',
      async () => jsonOf<ParkedMessage[]>(await cli('--json', 'quarantine', 'list', 'storefront')).length >= 1,
    );
    const none = jsonOf<{ count: number }>(
      await cli('--json', 'quarantine', 'replay', 'storefront', '--type', 'customers/update', '--dry-run'),
    );
    expect(none.count).toBe(0);
    const listed = jsonOf<ParkedMessage[]>(
      await cli('--json', 'quarantine', 'list', 'storefront', '--reason', 'drift'),
    );
    expect(listed.length).toBeGreaterThanOrEqual(1);
    const replayed = jsonOf<{ moved: number }>(
      await cli('--json', 'quarantine', 'replay', 'storefront', '--reason', 'drift', '--type', 'orders/create'),
    );
    expect(replayed.moved).toBe(listed.length);
    // The mapper still refuses it, so it comes back to the quarantine, through the transform again.
    await eventually('the replayed record is quarantined again', async () => {
      const trace = jsonOf<Trace>(await cli('--json', 'trace', listed[0]!.correlationId));
      return trace.steps.filter((step) => step.message === 'record quarantined').length === 2;
    });
  });

  test('replay sends exactly the archived payments webhooks since a time, and nothing is delivered twice', async () => {
    const payment = (file: string, n: number) => {
      const event = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/payments', file), 'utf8')) as {
        id: string;
        data: { object: { id: string } };
      };
      const objectId = `${event.data.object.id}_replay${n}`;
      const body = JSON.stringify({
        ...event,
        id: `${event.id}_replay${n}`,
        data: { object: { ...event.data.object, id: objectId } },
      });
      return { objectId, body };
    };
    const postPayment = async (body: string) => {
      const source = pipeline.config.sources.find((candidate) => candidate.name === 'payments')!;
      const answer = await postWebhook(
        vendorWebhook(source, pipeline.webhookUrl('payments'), pipeline.topology.signingSecrets.get('payments')!, body),
      );
      expect(answer.status).toBe(202);
      return answer.correlationId!;
    };
    const writesOf = (destination: string, objectId: string) =>
      pipeline.downstreams
        .get(destination)!
        .accepted()
        .filter((request) => JSON.stringify(request.body).includes(objectId)).length;
    const settled = (objectId: string) => writesOf('erp', objectId) === 1 && writesOf('analytics', objectId) === 1;

    const before = payment('charge-refunded.json', 1);
    await postPayment(before.body);
    await eventually('the earlier payment delivered', () => settled(before.objectId));
    const since = new Date().toISOString();
    const after = [payment('payment_intent-succeeded.json', 2), payment('payment_intent-payment_failed.json', 3)];
    const correlationIds: string[] = [];
    for (const { body } of after) correlationIds.push(await postPayment(body));
    await eventually('the later payments delivered', () => after.every(({ objectId }) => settled(objectId)));

    const dryRun = jsonOf<{ count: number; webhooks: { correlationId: string }[] }>(
      await cli('--json', 'replay', '--source', 'payments', '--since', since, '--dry-run'),
    );
    expect(dryRun.webhooks.map((webhook) => webhook.correlationId).sort()).toEqual([...correlationIds].sort());
    const replay = jsonOf<{ sent: number }>(await cli('--json', 'replay', '--source', 'payments', '--since', since));
    expect(replay.sent).toBe(2);

    // Each replayed webhook is mapped again and meets the record of its first delivery at both destinations.
    await eventually('the replayed payments reached both connectors', async () => {
      const traces = await Promise.all(
        correlationIds.map(async (id) => jsonOf<Trace>(await cli('--json', 'trace', id))),
      );
      return traces.every(
        (trace) =>
          trace.steps.filter((step) => step.message === 'record mapped').length === 2 &&
          trace.steps.filter((step) => step.message === 'duplicate skipped').length === 2,
      );
    });
    for (const { objectId } of [before, ...after]) expect(settled(objectId)).toBe(true);
    const earlier = jsonOf<Trace>(await cli('--json', 'trace', before.objectId));
    expect(earlier.steps.filter((step) => step.message === 'record mapped')).toHaveLength(1);
  });

  test('an unknown destination is named with the known ones', async () => {
    const result = await cli('dlq', 'list', 'billing');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'unknown destination "billing"; destinations: erp, crm, analytics, fulfillment, storefront',
    );
  });
});

describe('interchange status', () => {
  test('reports every source and destination with queue depths, ages, circuit and rate', async () => {
    const status = jsonOf<PipelineStatus>(await cli('--json', 'status'));
    expect(status.target).toBe('local');
    expect(status.sources.map((s) => s.source)).toEqual(pipeline.config.sources.map((s) => s.name));
    const crm = status.destinations.find((d) => d.destination === 'crm')!;
    expect(crm.parked).toBe((await queueCounts(pipeline, 'crm')).deadLettered);
    expect(crm.circuit).toBe('closed');
    expect(crm.sendRate).toBeGreaterThan(0);
    expect(crm.ceiling).toBe(pipeline.config.destinations.find((d) => d.name === 'crm')!.requestsPerSecond);
    const human = await cli('status');
    expect(human.out).toMatch(/DESTINATION\s+QUEUED\s+OLDEST\s+CIRCUIT\s+RATE\/S\s+DEAD LETTERS/);
    expect(human.out).toMatch(/\bcrm\s+\d+\s+\S+\s+closed\s+/);
  });

  test('shows how far each reconciled stream has read and the webhooks it found missed', async () => {
    await pipeline.runScheduledJob('payments', 'poll');

    const status = jsonOf<PipelineStatus>(await cli('--json', 'status'));

    const events = status.reconciliation.find((r) => r.source === 'payments' && r.stream === 'events')!;
    expect(events).toMatchObject({ since: expect.any(String), missedWebhooks: 0 });
    expect(Date.parse(events.since!)).toBeLessThanOrEqual(Date.now());
    expect(status.reconciliation.find((r) => r.source === 'storefront' && r.stream === 'orders')).toEqual({
      source: 'storefront',
      stream: 'orders',
      missedWebhooks: 0,
    });
    expect((await cli('status')).out).toMatch(/storefront orders\s+not polled yet\s+0/);
  });
});
