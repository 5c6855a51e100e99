import fc from 'fast-check';
import { startFakeDownstream, type FakeDownstream } from '../../../local/downstream';
import { DownstreamAuthenticator } from '../../../local/downstream/downstream-auth';
import { call, manualClock, requestToken } from './helpers/http-call';

const CLIENT = { client_id: 'interchange', client_secret: 's3cret' };

describe('fake downstream with OAuth2 client credentials', () => {
  const clock = manualClock();
  let erp: FakeDownstream;

  beforeAll(async () => {
    erp = await startFakeDownstream({
      name: 'erp',
      now: clock.now,
      auth: {
        scheme: 'oauth2-client-credentials',
        clientId: 'interchange',
        clientSecret: 's3cret',
        tokenLifetimeSeconds: 300,
      },
    });
  });
  afterEach(() => erp.reset());
  afterAll(() => erp.close());

  const issue = async (): Promise<string> => {
    const answer = await requestToken(erp.url, { grant_type: 'client_credentials', ...CLIENT });
    return (answer.json as { access_token: string }).access_token;
  };

  it('issues a bearer token for the expected client', async () => {
    const answer = await requestToken(erp.url, { grant_type: 'client_credentials', ...CLIENT });

    expect(answer).toMatchObject({
      status: 200,
      json: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 300 },
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(erp.tokenRequests()).toHaveLength(1);
    expect(erp.received()).toHaveLength(0);
  });

  it('accepts client credentials sent with HTTP Basic', async () => {
    const basic = Buffer.from('interchange:s3cret').toString('base64');

    const answer = await requestToken(
      erp.url,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );

    expect(answer.status).toBe(200);
  });

  it.each([
    [{ grant_type: 'client_credentials', client_id: 'interchange', client_secret: 'wrong' }, 401, 'invalid_client'],
    [{ grant_type: 'client_credentials' }, 401, 'invalid_client'],
    [{ grant_type: 'password', ...CLIENT }, 400, 'unsupported_grant_type'],
    [{ ...CLIENT }, 400, 'invalid_request'],
  ])('refuses the token request %j with %i %s', async (form, status, error) => {
    const answer = await requestToken(erp.url, form);

    expect(answer).toMatchObject({ status, json: { error } });
  });

  it('refuses a token request that is not form-encoded', async () => {
    const answer = await call(`${erp.url}/oauth/token`, { body: { grant_type: 'client_credentials', ...CLIENT } });

    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
  });

  it('refuses a malformed Basic credential as a wrong client', async () => {
    const basic = Buffer.from('inter%ZZchange:s3cret').toString('base64');

    const answer = await requestToken(
      erp.url,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );

    expect(answer).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
  });

  it('accepts API requests carrying an issued token', async () => {
    const token = await issue();

    const answer = await call(`${erp.url}/orders`, { body: { id: 1 }, headers: { authorization: `Bearer ${token}` } });

    expect(answer.status).toBe(201);
  });

  it('answers 401 with a Bearer challenge to a missing or unknown token', async () => {
    const missing = await call(`${erp.url}/orders`, { body: {} });
    const unknown = await call(`${erp.url}/orders`, { body: {}, headers: { authorization: 'Bearer forged' } });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(erp.accepted()).toHaveLength(0);
  });

  it('answers 401 once a token has expired', async () => {
    const token = await issue();
    clock.advance(300_000);

    const answer = await call(`${erp.url}/orders`, { body: {}, headers: { authorization: `Bearer ${token}` } });

    expect(answer.status).toBe(401);
  });

  it('keeps issued tokens valid across reset()', async () => {
    const token = await issue();
    erp.reset();

    expect((await call(`${erp.url}/orders`, { body: {}, headers: { authorization: `Bearer ${token}` } })).status).toBe(
      201,
    );
  });
});

describe('fake downstream with an API key', () => {
  let analytics: FakeDownstream;

  beforeAll(async () => {
    analytics = await startFakeDownstream({
      name: 'analytics',
      auth: { scheme: 'api-key', header: 'X-Api-Key', key: 'k-1' },
    });
  });
  afterAll(() => analytics.close());

  it('accepts requests with the key and refuses the rest with 401', async () => {
    const withKey = await call(`${analytics.url}/track`, { body: {}, headers: { 'x-api-key': 'k-1' } });
    const wrongKey = await call(`${analytics.url}/track`, { body: {}, headers: { 'x-api-key': 'k-2' } });
    const noKey = await call(`${analytics.url}/track`, { body: {} });

    expect([withKey.status, wrongKey.status, noKey.status]).toEqual([201, 401, 401]);
  });

  it('treats /oauth/token as an ordinary API path', async () => {
    const answer = await call(`${analytics.url}/oauth/token`, { body: 'grant_type=client_credentials' });

    expect(answer.status).toBe(401);
    expect(analytics.tokenRequests()).toHaveLength(0);
  });
});

describe('DownstreamAuthenticator token requests, fuzzed', () => {
  it('answers any form and Authorization header with 200, 400 or 401, never an exception', () => {
    const authenticator = new DownstreamAuthenticator(
      { scheme: 'oauth2-client-credentials', clientId: 'interchange', clientSecret: 's3cret' },
      () => 0,
    );
    const basic = fc.string().map((text) => `Basic ${Buffer.from(text).toString('base64')}`);

    fc.assert(
      fc.property(fc.string(), fc.option(fc.oneof(fc.string(), basic), { nil: undefined }), (body, authorization) => {
        const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization };

        expect([200, 400, 401]).toContain(authenticator.issueToken(body, headers).status);
      }),
    );
  });
});
