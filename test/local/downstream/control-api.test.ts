import { startFakeDownstream, type FakeDownstream } from '../../../local/downstream';
import { call } from './helpers/http-call';

describe('fake downstream control API', () => {
  let crm: FakeDownstream;

  beforeAll(async () => {
    crm = await startFakeDownstream({ name: 'crm', auth: { scheme: 'api-key', header: 'x-api-key', key: 'k' } });
  });
  afterEach(() => crm.reset());
  afterAll(() => crm.close());

  const send = (body: unknown): Promise<unknown> =>
    call(`${crm.url}/contacts`, { body, headers: { 'x-api-key': 'k' } });

  it('summarises the traffic and the faults, without authentication', async () => {
    crm.setFaults({ statuses: [503] });
    await send({ a: 1 });
    await send({ a: 2 });

    const summary = await call(`${crm.url}/__control`);

    expect(summary).toMatchObject({
      status: 200,
      json: {
        name: 'crm',
        faults: { statuses: [503] },
        received: 2,
        accepted: 1,
        byStatus: { '201': 1, '503': 1 },
        requests: [
          { method: 'POST', path: '/contacts', status: 503 },
          { method: 'POST', path: '/contacts', status: 201 },
        ],
      },
    });
  });

  it('shows each request with its headers and body, credentials redacted', async () => {
    await call(`${crm.url}/contacts`, {
      body: { email: 'ada@example.com' },
      headers: { 'x-api-key': 'k', authorization: 'Bearer abc', 'idempotency-key': 'evt-1', 'x-correlation-id': 'c-1' },
    });

    const { json } = await call(`${crm.url}/__control`);
    const [request] = (json as { requests: { headers: Record<string, string>; body: string }[] }).requests;

    expect(request!.body).toBe('{"email":"ada@example.com"}');
    expect(request!.headers).toMatchObject({
      'x-api-key': '[redacted]',
      authorization: '[redacted]',
      'idempotency-key': 'evt-1',
      'x-correlation-id': 'c-1',
    });
    expect(JSON.stringify(json)).not.toContain('Bearer abc');
  });

  it('injects faults posted as JSON, then clears them on DELETE', async () => {
    const posted = await call(`${crm.url}/__control/faults`, { body: { permanentStatus: 422 } });
    const faulted = await call(`${crm.url}/contacts`, { body: {}, headers: { 'x-api-key': 'k' } });
    const cleared = await call(`${crm.url}/__control/faults`, { method: 'DELETE' });
    const healthy = await call(`${crm.url}/contacts`, { body: {}, headers: { 'x-api-key': 'k' } });

    expect(posted).toMatchObject({ status: 200, json: { permanentStatus: 422 } });
    expect(faulted.status).toBe(422);
    expect(cleared.status).toBe(204);
    expect(healthy.status).toBe(201);
    expect((await call(`${crm.url}/__control/faults`)).json).toEqual({});
  });

  it('forgets traffic and faults on DELETE /__control', async () => {
    crm.setFaults({ errorRate: 1 });
    await send({});

    const answer = await call(`${crm.url}/__control`, { method: 'DELETE' });

    expect(answer.status).toBe(204);
    expect(crm.received()).toHaveLength(0);
    expect((await call(`${crm.url}/__control`)).json).toMatchObject({ received: 0, faults: {} });
  });

  it('never records control requests as traffic', async () => {
    await call(`${crm.url}/__control`);
    await call(`${crm.url}/__control/faults`, { body: { latencyMs: 0 } });

    expect(crm.received()).toHaveLength(0);
  });

  it.each([
    ['{"errorRate": 3}', 'errorRate'],
    ['{"rateLimit": {}}', 'rateLimit.requestsPerSecond'],
    ['not json', 'must be a JSON object'],
  ])('answers 400 to the fault plan %s, naming the problem', async (body, problem) => {
    const answer = await call(`${crm.url}/__control/faults`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });

    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toContain(problem);
    expect((await call(`${crm.url}/__control/faults`)).json).toEqual({});
  });

  it('answers 405 to a method a control path does not take, and 404 to an unknown one', async () => {
    expect((await call(`${crm.url}/__control`, { method: 'PATCH', body: {} })).status).toBe(405);
    expect((await call(`${crm.url}/__control/faults`, { method: 'PATCH', body: {} })).status).toBe(405);
    expect((await call(`${crm.url}/__control/nothing`)).status).toBe(404);
  });
});
