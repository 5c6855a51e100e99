import { destinationSchema } from '../../../config/schema';
import type { LookupRequest, LookupResolution } from '../../../lambdas/connector/destinations/destination-request';
import { sendWithAuth } from '../../../lambdas/connector/send-with-auth';
import { sendHttp } from '../../../lambdas/shared/http-client';
import { logger } from '../../../lambdas/shared/logger';
import { startFakeDownstream, type DownstreamApi, type FakeDownstream } from '../../../local/downstream';

/** A 3PL whose order list answers `listed` (status and body) and whose writes answer 201. */
function threePl(listed: { status: number; body: unknown }): DownstreamApi {
  return {
    answer: (method) => (method === 'GET' ? listed : { status: 201, body: { id: 7 } }),
    state: () => new Map(),
    reset: () => undefined,
  };
}

const tracing = { correlationId: 'corr-1', idempotencyKey: 'evt-1' };
const lookup = (resolve: LookupRequest['resolve']): LookupRequest => ({ lookupPath: '/orders?ref=A%3A1', resolve });

// Each attempt's log line is the connector's business, not this test's.
beforeAll(() => logger.setLogLevel('SILENT'));

describe('a request that looks something up first', () => {
  let downstream: FakeDownstream;
  const send = async (api: DownstreamApi, request: LookupRequest) => {
    downstream = await startFakeDownstream({ name: 'fulfillment', api });
    const destination = destinationSchema.parse({ name: 'fulfillment', baseUrl: downstream.url });
    return sendWithAuth(destination, tracing, request, {
      send: (http) => sendHttp(http, 2_000),
      auth: { headers: async () => ({}), onUnauthorized: () => undefined },
      nowMs: Date.now,
    });
  };
  afterEach(() => downstream.close());

  test('GETs the lookup without an Idempotency-Key, then sends what the answer resolves to with its own key', async () => {
    const seen: unknown[] = [];
    const outcome = await send(
      threePl({ status: 200, body: [{ id: 42 }] }),
      lookup((found) => {
        seen.push(found);
        return {
          kind: 'send',
          request: { method: 'POST', path: '/orders/42/cancel', body: undefined, idempotencyKey: 'k-1' },
        };
      }),
    );

    expect(outcome).toEqual({ kind: 'delivered', status: 201 });
    expect(seen).toEqual([[{ id: 42 }]]);
    const [get, post] = downstream.received();
    expect([get?.method, get?.path, get?.headers['idempotency-key']]).toEqual(['GET', '/orders?ref=A%3A1', undefined]);
    expect([post?.method, post?.path, post?.headers['idempotency-key'], post?.body]).toEqual([
      'POST',
      '/orders/42/cancel',
      'k-1',
      '',
    ]);
    expect(post?.headers['x-correlation-id']).toBe('corr-1');
  });

  test('an answer that says the change is already there is delivered in effect, with no second request', async () => {
    const outcome = await send(
      threePl({ status: 200, body: [] }),
      lookup(() => ({ kind: 'already-applied', detail: 'nothing to cancel' })),
    );

    expect(outcome).toEqual({ kind: 'delivered', status: 200 });
    expect(downstream.received()).toHaveLength(1);
  });

  test("a refusal is permanent under the module's own reason", async () => {
    const outcome = await send(
      threePl({ status: 200, body: [] }),
      lookup(() => ({ kind: 'refused', reason: 'fulfillment-update-unsupported', detail: 'no update API' })),
    );

    expect(outcome).toEqual({
      kind: 'permanent',
      status: 200,
      reason: 'fulfillment-update-unsupported',
      detail: 'no update API',
    });
  });

  test('a lookup that fails is classified like any answer, and nothing is resolved or sent', async () => {
    const resolve = jest.fn((): LookupResolution => ({ kind: 'already-applied', detail: 'unreachable' }));
    const outcome = await send(threePl({ status: 503, body: { message: 'down' } }), lookup(resolve));

    expect(outcome).toMatchObject({ kind: 'transient', status: 503 });
    expect(resolve).not.toHaveBeenCalled();
    expect(downstream.received()).toHaveLength(1);
  });

  test('a lookup answered with something other than JSON is refused, not resolved', async () => {
    const resolve = jest.fn((): LookupResolution => ({ kind: 'already-applied', detail: 'unreachable' }));
    const outcome = await send(threePl({ status: 200, body: undefined }), lookup(resolve));

    expect(outcome).toMatchObject({ kind: 'permanent', status: 200, reason: 'lookup-unreadable' });
    expect(resolve).not.toHaveBeenCalled();
  });
});
