import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import type { IngestSettings } from '../../../config/function-settings';
import { storefrontSettings } from './helpers/factories';
import { signedHeadersFor } from '../../../local/signers';
import { httpApiEvent, lambdaContext } from '../../helpers/lambda-events';
import { startLocalAws, type LocalAws } from '../../helpers/local-aws';

type IngestHandler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const SECRET = 'storefront-signing-secret';
const ORDER = '{"id":820982911946154508,"name":"#1001","total_price":"10.00"}';
let aws: LocalAws;
let queueUrl: string;
let handler: IngestHandler;

function signed(body: string, extra: Record<string, string> = {}) {
  const headers = signedHeadersFor({ kind: 'shopify' }, body, SECRET, Math.floor(Date.now() / 1000), 'wh-1');
  return httpApiEvent({
    path: '/webhooks/storefront',
    headers: { ...headers, 'x-shopify-topic': 'orders/create', ...extra },
    body,
  });
}

beforeAll(async () => {
  aws = await startLocalAws();
  queueUrl = await aws.createQueue('ingest-storefront');
  aws.secrets.putSecret('dev/webhooks/storefront', JSON.stringify({ current: 'rotated-new-secret', previous: SECRET }));
  const settings = storefrontSettings({
    secretId: 'dev/webhooks/storefront',
    queueUrl,
    payloadBucket: aws.payloadBucket,
    maxBodyBytes: 65_536,
  });
  process.env.INTERCHANGE_SETTINGS = JSON.stringify(settings);
  ({ handler } = (await import('../../../lambdas/ingest/handler')) as unknown as { handler: IngestHandler });
});

afterAll(() => aws.close());

describe('ingest handler', () => {
  test('a signed webhook is answered 202 and its exact bytes are enqueued with their attributes', async () => {
    const response = await handler(signed(ORDER, { 'x-correlation-id': 'corr-from-vendor-1' }), lambdaContext());

    expect(response.statusCode).toBe(202);
    expect(response.headers?.['x-correlation-id']).toBe('corr-from-vendor-1');
    const [message] = await aws.peek(queueUrl);
    expect(message?.Body).toBe(ORDER);
    expect(message?.MessageAttributes).toMatchObject({
      correlationId: { StringValue: 'corr-from-vendor-1' },
      source: { StringValue: 'storefront' },
      eventType: { StringValue: 'orders/create' },
      deliveryId: { StringValue: 'wh-1' },
    });
  });

  test('a bad signature is 401 and enqueues nothing', async () => {
    const before = (await aws.peek(queueUrl)).length;
    const event = signed(ORDER);
    event.headers['x-shopify-hmac-sha256'] = Buffer.from('forged').toString('base64');

    const response = await handler(event, lambdaContext());

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body!)).toEqual({ error: 'invalid signature', correlationId: expect.any(String) });
    expect(await aws.peek(queueUrl)).toHaveLength(before);
  });

  test('a signed body that is not JSON is 400', async () => {
    const response = await handler(signed('not json'), lambdaContext());

    expect(response.statusCode).toBe(400);
  });

  test('property: with the queue up, no request makes it throw or answer 5xx, and nothing unsigned is enqueued', async () => {
    const before = (await aws.peek(queueUrl)).length;
    const header = fc.option(fc.string({ maxLength: 60 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'GET', 'PUT', 'DELETE'),
        fc.record({ 'content-type': header, 'x-shopify-hmac-sha256': header, 'x-shopify-topic': header }),
        fc.option(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map(Buffer.from)), {
          nil: undefined,
        }),
        async (method, headers, body) => {
          const response = await handler(
            httpApiEvent({ method, path: '/webhooks/storefront', headers, ...(body !== undefined ? { body } : {}) }),
            lambdaContext(),
          );
          expect([400, 401, 405, 413]).toContain(response.statusCode);
        },
      ),
      { numRuns: 150 },
    );
    expect(await aws.peek(queueUrl)).toHaveLength(before);
  });

  test('an unreachable queue is 503 so the vendor retries, never 202', async () => {
    const settings = JSON.parse(process.env.INTERCHANGE_SETTINGS!) as IngestSettings;
    let isolated: IngestHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      process.env.INTERCHANGE_SETTINGS = JSON.stringify({
        ...settings,
        queueUrl: 'http://127.0.0.1:9/000000000000/gone',
      });
      ({ handler: isolated } = (await import('../../../lambdas/ingest/handler')) as unknown as {
        handler: IngestHandler;
      });
    });

    const response = await isolated!(signed(ORDER), lambdaContext());

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
  });
});
