import { startFakeDownstream, type FakeDownstream } from '../../../local/downstream';
import { PortInUseError } from '../../../local/http';
import { call, manualClock, statusesOf } from './helpers/http-call';

describe('startFakeDownstream', () => {
  let crm: FakeDownstream;

  beforeAll(async () => {
    crm = await startFakeDownstream({ name: 'crm', port: 0 });
  });
  afterEach(() => crm.reset());
  afterAll(() => crm.close());

  it('listens on a free loopback port', () => {
    expect(crm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a POST with 201 and an id, and records the request', async () => {
    const answer = await call(`${crm.url}/contacts?upsert=true`, {
      body: { email: 'a@example.com' },
      headers: { 'x-trace': 't1' },
    });

    expect(answer).toMatchObject({ status: 201, json: { ok: true, id: 'crm-1' } });
    const [request] = crm.received();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/contacts?upsert=true',
      body: '{"email":"a@example.com"}',
      json: { email: 'a@example.com' },
      status: 201,
    });
    expect(request?.headers['x-trace']).toBe('t1');
    expect(request?.receivedAt).toEqual(expect.any(Number));
  });

  it('answers other methods with 200 and keeps a body that is not JSON as text only', async () => {
    const answer = await call(`${crm.url}/contacts/1`, { method: 'PUT', body: 'name=Ann' });

    expect(answer.status).toBe(200);
    expect(crm.received()[0]).toMatchObject({ body: 'name=Ann', json: undefined });
  });

  it('lists only the requests answered 2xx as accepted', async () => {
    crm.setFaults({ statuses: [500, 429] });

    expect(await statusesOf(`${crm.url}/orders`, 3)).toEqual([500, 429, 201]);
    expect(crm.received()).toHaveLength(3);
    expect(crm.accepted().map((request) => request.status)).toEqual([201]);
  });

  it('answers permanent, scripted and random faults with a JSON reason', async () => {
    crm.setFaults({ permanentStatus: 400 });
    expect(await call(`${crm.url}/orders`, { body: {} })).toMatchObject({
      status: 400,
      json: { ok: false, reason: 'permanent status' },
    });

    crm.setFaults({ errorRate: 1, errorStatus: 502 });
    expect(await call(`${crm.url}/orders`, { body: {} })).toMatchObject({
      status: 502,
      json: { ok: false, reason: 'random error' },
    });

    crm.clearFaults();
    expect((await call(`${crm.url}/orders`, { body: {} })).status).toBe(201);
  });

  it('injects the same random failures on every run with the same seed', async () => {
    crm.setFaults({ errorRate: 0.5 });
    const first = await statusesOf(`${crm.url}/events`, 12);
    crm.setFaults({ errorRate: 0.5 });
    const second = await statusesOf(`${crm.url}/events`, 12);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([201, 500]));
  });

  it('answers 429 with Retry-After once the rate limit is exceeded', async () => {
    crm.setFaults({ rateLimit: { requestsPerSecond: 0.01, retryAfterSeconds: 3 } });

    const first = await call(`${crm.url}/events`, { body: {} });
    const second = await call(`${crm.url}/events`, { body: {} });

    expect(first.status).toBe(201);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');
  });

  it('delays answers by the configured latency and still answers them', async () => {
    crm.setFaults({ latencyMs: 30 });

    expect((await call(`${crm.url}/slow`, { body: {} })).status).toBe(201);
  });

  it('refuses an invalid fault plan with a named error', () => {
    expect(() => crm.setFaults({ errorRate: 2 })).toThrow(
      expect.objectContaining({ name: 'InvalidFaultPlanError', message: expect.stringContaining('errorRate') }),
    );
  });

  it('answers 413 to a body larger than a Lambda payload', async () => {
    const answer = await call(`${crm.url}/big`, { body: 'x'.repeat(6 * 1024 * 1024 + 1) });

    expect(answer.status).toBe(413);
    expect(crm.received()).toHaveLength(0);
  });
});

describe('startFakeDownstream with a clock', () => {
  it('answers 503 with Retry-After during an outage and normally after it', async () => {
    const clock = manualClock();
    const erp = await startFakeDownstream({ name: 'erp', now: clock.now });
    try {
      erp.setFaults({ outageUntil: clock.now() + 60_000 });

      const during = await call(`${erp.url}/invoices`, { body: {} });
      clock.advance(60_000);
      const after = await call(`${erp.url}/invoices`, { body: {} });

      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('60');
      expect(after.status).toBe(201);
    } finally {
      await erp.close();
    }
  });
});

describe('startFakeDownstream keeping state per key', () => {
  it('keeps the last accepted body per key, ignoring rejected ones', async () => {
    const storefront = await startFakeDownstream({
      name: 'storefront',
      keyOf: (body) => (body as { sku?: string } | undefined)?.sku,
    });
    try {
      await call(`${storefront.url}/inventory`, { body: { sku: 'A', level: 5 } });
      await call(`${storefront.url}/inventory`, { body: { sku: 'B', level: 1 } });
      await call(`${storefront.url}/inventory`, { body: { sku: 'A', level: 3 } });
      storefront.setFaults({ statuses: [500] });
      await call(`${storefront.url}/inventory`, { body: { sku: 'A', level: 99 } });
      await call(`${storefront.url}/inventory`, { body: { note: 'no sku' } });

      expect(storefront.state()).toEqual(
        new Map([
          ['A', { sku: 'A', level: 3 }],
          ['B', { sku: 'B', level: 1 }],
        ]),
      );
      storefront.reset();
      expect(storefront.state().size).toBe(0);
    } finally {
      await storefront.close();
    }
  });
});

describe('startFakeDownstream honouring Idempotency-Key', () => {
  it('answers a repeated key from the first write, writing nothing again; a failed write leaves the key free', async () => {
    const erp = await startFakeDownstream({ name: 'erp', keyOf: (body) => (body as { id?: string }).id });
    try {
      erp.setFaults({ statuses: [503] });
      const refused = await call(`${erp.url}/orders`, {
        body: { id: 'o1', v: 1 },
        headers: { 'idempotency-key': 'k1' },
      });
      const first = await call(`${erp.url}/orders`, { body: { id: 'o1', v: 1 }, headers: { 'idempotency-key': 'k1' } });
      const again = await call(`${erp.url}/orders`, { body: { id: 'o1', v: 9 }, headers: { 'idempotency-key': 'k1' } });

      expect([refused.status, first.status, again.status]).toEqual([503, 201, 200]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(erp.accepted()).toHaveLength(1);
      expect(erp.received().map((request) => request.replayed ?? false)).toEqual([false, false, true]);
      expect(erp.state().get('o1')).toEqual({ id: 'o1', v: 1 });
    } finally {
      await erp.close();
    }
  });
});

describe('FakeDownstream.close', () => {
  it('ends a hung request and frees the port', async () => {
    const analytics = await startFakeDownstream({ name: 'analytics' });
    analytics.setFaults({ timeout: true });
    const hung = call(`${analytics.url}/track`, { body: { event: 'x' } });
    await waitFor(() => analytics.received().length === 1);

    await analytics.close();

    await expect(hung).rejects.toThrow('fetch failed');
    expect(analytics.received()[0]?.status).toBeUndefined();
    const port = Number(new URL(analytics.url).port);
    const reopened = await startFakeDownstream({ name: 'analytics', port });
    await reopened.close();
  });

  it('ends a request still waiting out its latency', async () => {
    const tpl = await startFakeDownstream({ name: '3pl' });
    tpl.setFaults({ latencyMs: 60_000 });
    const slow = call(`${tpl.url}/shipments`, { body: {} });
    await waitFor(() => tpl.received().length === 1);

    await tpl.close();

    await expect(slow).rejects.toThrow('fetch failed');
  });
});

describe('startFakeDownstream on a port in use', () => {
  it('rejects with an error naming the port', async () => {
    const first = await startFakeDownstream({ name: 'crm' });
    const port = Number(new URL(first.url).port);
    try {
      const second = startFakeDownstream({ name: 'crm-again', port });

      await expect(second).rejects.toThrow(PortInUseError);
      await expect(second).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await first.close();
    }
  });
});

const waitFor = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
