import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LocalPipeline } from '../../local/pipeline';
import { startLocalPipeline } from '../../local/pipeline';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { e2eConfig, eventually } from './helpers/harness';

const fixture = (file: string) => readFileSync(path.resolve(__dirname, '../fixtures', file), 'utf8');
/** Personal data in the payloads below: none of it may reach a log line. */
const PERSONAL_DATA = ['jon@example.com', 'bob@biller.com', 'Biller', 'Smith', '123 Elm St', "O'Connor", '555-555'];

let pipeline: LocalPipeline;
const lines: { fn: string; line: string }[] = [];

beforeAll(async () => {
  pipeline = await startLocalPipeline({
    config: e2eConfig(),
    port: 0,
    logLevel: 'INFO',
    onFunctionOutput: (fn, line) => lines.push({ fn, line }),
  });
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront')!;
  const secret = pipeline.topology.signingSecrets.get('storefront')!;
  for (const [file, eventType] of [
    ['storefront/orders-create.json', 'orders/create'],
    ['storefront/customers-update.json', 'customers/update'],
  ]) {
    const answer = await postWebhook(
      vendorWebhook(storefront, pipeline.webhookUrl('storefront'), secret, fixture(file!), {
        eventType: eventType!,
        correlationId: `corr-observe-${eventType!.replace('/', '-')}`,
      }),
    );
    expect(answer.status).toBe(202);
  }
  // Connectors flush their metrics when an invocation ends, a moment after the downstream answered.
  await eventually('both events delivered and counted', () =>
    (['erp', 'crm', 'analytics'] as const).every(
      (destination) => pipeline.metrics.sum('Delivered', { destination }) >= 2,
    ),
  );
});

afterAll(() => pipeline.close());

const logLines = () =>
  lines
    .filter(({ line }) => line.startsWith('{') && !line.includes('"_aws"'))
    .map(({ fn, line }) => ({ fn, entry: JSON.parse(line) as Record<string, unknown> }));

describe('logs and metrics on call', () => {
  test('every function that handled the events logged them with their correlation id', () => {
    const withId = logLines().filter(({ entry }) => String(entry.correlationId).startsWith('corr-observe-'));
    const functions = new Set(withId.map(({ fn }) => fn));

    for (const fn of [
      'ingest-storefront',
      'transform-storefront',
      'connector-erp',
      'connector-crm',
      'connector-analytics',
    ]) {
      expect(functions.has(fn)).toBe(true);
    }
  });

  test('every log line about an event carries a correlation id, service and level', () => {
    for (const { fn, entry } of logLines()) {
      expect({ fn, correlationId: typeof entry.correlationId }).toEqual({ fn, correlationId: 'string' });
      expect(entry.service).toBe(fn);
      expect(entry.level).toEqual(expect.any(String));
    }
  });

  test('no log line holds personal data or a signing secret', () => {
    const secrets = [...pipeline.topology.signingSecrets.values()];
    for (const { line } of lines) {
      for (const forbidden of [...PERSONAL_DATA, ...secrets]) expect(line).not.toContain(forbidden);
    }
  });

  test('the downstream request carries the correlation id of the webhook', () => {
    const erpWrite = pipeline.downstreams.get('erp')!.accepted()[0]!;
    expect(erpWrite.headers['x-correlation-id']).toMatch(/^corr-observe-/);
  });

  test('the live view counts are the metrics the functions emitted', () => {
    expect(pipeline.metrics.sum('WebhookAccepted', { source: 'storefront' })).toBe(2);
    for (const destination of ['erp', 'crm']) {
      expect(pipeline.metrics.sum('Delivered', { destination })).toBe(
        pipeline.downstreams.get(destination)!.accepted().length,
      );
    }
    // Analytics takes events in batches: count the events inside the accepted requests.
    const analyticsEvents = pipeline.downstreams
      .get('analytics')!
      .accepted()
      .reduce((sum, request) => sum + ((request.json as { batch?: unknown[] }).batch?.length ?? 1), 0);
    expect(pipeline.metrics.sum('Delivered', { destination: 'analytics' })).toBe(analyticsEvents);
  });

  test('analytics receives events through its batch API', () => {
    const requests = pipeline.downstreams.get('analytics')!.accepted();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((request) => request.path.endsWith('/batch'))).toBe(true);
  });
});
