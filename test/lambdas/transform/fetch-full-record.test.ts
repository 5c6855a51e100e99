import { fullRecordFetcher } from '../../../lambdas/transform/fetch-full-record';
import { createApiAuth } from '../../../lambdas/shared/auth';
import { sendHttp } from '../../../lambdas/shared/http-client';
import { startFakeSourceApi, type FakeSourceApi } from '../../../local/source-api';

let api: FakeSourceApi;
const NO_AUTH_CONFIG = { kind: 'none' } as const;
const NO_AUTH = createApiAuth(NO_AUTH_CONFIG, { send: sendHttp, readSecret: async () => undefined, now: Date.now });
const entities = {
  inventory_items: { path: '/inventory_items/{id}.json', unwrap: 'inventory_item' },
  contacts: { path: '/crm/v3/objects/contacts/{id}' },
};
const fetcher = () =>
  fullRecordFetcher(
    { baseUrl: `${api.url}/`, entities, requestTimeoutMs: 1000, auth: NO_AUTH_CONFIG },
    (request) => sendHttp(request, 1000),
    NO_AUTH,
  );

beforeAll(async () => {
  api = await startFakeSourceApi('test');
  api.setRecord('/inventory_items/271878346596884015.json', '{"inventory_item":{"id":271878346596884015,"sku":"A-1"}}');
  api.setRecord('/crm/v3/objects/contacts/512', '{"id":"512","properties":{}}');
  api.setRecord('/inventory_items/9.json', '{"something_else":{}}');
});
afterAll(() => api.close());

describe('fullRecordFetcher', () => {
  test('unwraps the record and keeps an id above 2^53 exact', async () => {
    const outcome = await fetcher()({ entity: 'inventory_items', id: '271878346596884015' }, 'corr-1');

    expect(outcome).toEqual({ kind: 'found', body: '{"id":"271878346596884015","sku":"A-1"}' });
  });

  test('returns an unwrapped API answer as it came', async () => {
    expect(await fetcher()({ entity: 'contacts', id: '512' }, 'corr-1')).toEqual({
      kind: 'found',
      body: '{"id":"512","properties":{}}',
    });
  });

  test('a missing record is not-found', async () => {
    expect(await fetcher()({ entity: 'contacts', id: '404' }, 'corr-1')).toEqual({ kind: 'not-found' });
  });

  test('an answer without the expected wrapper is unavailable, never a half record', async () => {
    expect(await fetcher()({ entity: 'inventory_items', id: '9' }, 'corr-1')).toMatchObject({ kind: 'unavailable' });
  });

  test('an entity with no configured path is unavailable', async () => {
    expect(await fetcher()({ entity: 'orders', id: '1' }, 'corr-1')).toEqual({
      kind: 'unavailable',
      detail: 'no path configured for entity "orders"',
    });
  });

  test('an unreachable API is unavailable', async () => {
    const down = fullRecordFetcher(
      { baseUrl: 'http://127.0.0.1:9', entities, requestTimeoutMs: 500, auth: NO_AUTH_CONFIG },
      (request) => sendHttp(request, 500),
      NO_AUTH,
    );
    expect(await down({ entity: 'contacts', id: '512' }, 'corr-1')).toMatchObject({ kind: 'unavailable' });
  });

  test('the request path escapes the id', async () => {
    await fetcher()({ entity: 'contacts', id: '../admin' }, 'corr-1');

    expect(api.requested()).toContain('/crm/v3/objects/contacts/../admin');
    expect(api.requested().some((path) => path === '/crm/admin')).toBe(false);
  });

  test("the source API's credentials are sent, and a 401 rereads the key once", async () => {
    const guarded = await startFakeSourceApi('guarded', {
      requireHeader: { name: 'x-shopify-access-token', value: 'key-2' },
    });
    guarded.setRecord('/crm/v3/objects/contacts/512', '{"id":"512"}');
    const keys = ['key-1', 'key-2'];
    const auth = createApiAuth(
      { kind: 'api-key', header: 'x-shopify-access-token', secretName: 'source-api' },
      { send: sendHttp, readSecret: async () => keys.shift(), now: Date.now },
    );
    const fetch = fullRecordFetcher(
      {
        baseUrl: guarded.url,
        entities,
        requestTimeoutMs: 1000,
        auth: { kind: 'api-key', header: 'x-shopify-access-token', secretName: 'source-api' },
      },
      (request) => sendHttp(request, 1000),
      auth,
    );

    const outcome = await fetch({ entity: 'contacts', id: '512' }, 'corr-1');
    await guarded.close();

    expect(outcome).toEqual({ kind: 'found', body: '{"id":"512"}' });
    expect(guarded.requested()).toHaveLength(2);
  });
});
