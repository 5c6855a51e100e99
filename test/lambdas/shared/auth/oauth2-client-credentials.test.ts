import { createApiAuth, ApiAuthError, type ApiAuth } from '../../../../lambdas/shared/auth';
import { sendHttp } from '../../../../lambdas/shared/http-client';
import { startFakeDownstream, TOKEN_PATH, type FakeDownstream } from '../../../../local/downstream';
import { manualClock } from '../../../local/downstream/helpers/http-call';
import { startLocalSecrets, type LocalSecrets } from './helpers/local-secrets';

const CLIENT_SECRET = 'very-secret-value-7f3a';
const LIFETIME_SECONDS = 300;
/** A 300 s token is replaced 30 s early (a tenth of its lifetime). */
const REFRESH_AFTER_MS = 270_000;

let secrets: LocalSecrets;
let erp: FakeDownstream;
const serverClock = manualClock();
const clientClock = manualClock();
const advanceBoth = (ms: number) => {
  serverClock.advance(ms);
  clientClock.advance(ms);
};

beforeAll(async () => {
  secrets = await startLocalSecrets({
    'erp/oauth': JSON.stringify({ clientId: 'interchange', clientSecret: CLIENT_SECRET }),
    'erp/oauth-wrong': JSON.stringify({ clientId: 'interchange', clientSecret: 'not-the-secret-9c1d' }),
  });
  erp = await startFakeDownstream({
    name: 'erp',
    now: serverClock.now,
    auth: {
      scheme: 'oauth2-client-credentials',
      clientId: 'interchange',
      clientSecret: CLIENT_SECRET,
      tokenLifetimeSeconds: LIFETIME_SECONDS,
    },
  });
});
afterEach(() => erp.reset());
afterAll(async () => {
  await erp.close();
  await secrets.close();
});

function authWith(secretName = 'erp/oauth', tokenUrl = `${erp.url}${TOKEN_PATH}`): ApiAuth {
  return createApiAuth(
    { kind: 'oauth2-client-credentials', tokenUrl, secretName },
    { send: sendHttp, readSecret: (id) => secrets.readSecret(id), now: clientClock.now, timeoutMs: 2_000 },
  );
}

async function callApi(headers: Record<string, string>): Promise<number> {
  const response = await sendHttp(
    {
      method: 'PUT',
      url: `${erp.url}/sales-orders/1`,
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    },
    2_000,
  );
  return response.status;
}

describe('OAuth2 client credentials against the fake downstream’s token endpoint', () => {
  test('the token request is a form-encoded client_credentials grant and its token opens the API', async () => {
    const auth = authWith();

    const headers = await auth.headers();

    const [tokenRequest] = erp.tokenRequests();
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'interchange',
      client_secret: CLIENT_SECRET,
    });
    expect(headers.authorization).toMatch(/^Bearer \S+$/);
    expect(await callApi(headers)).toBe(200);
  });

  test('the token is reused until shortly before it expires, then refreshed', async () => {
    const auth = authWith();
    const first = await auth.headers();

    advanceBoth(REFRESH_AFTER_MS - 1);
    const reused = await auth.headers();
    advanceBoth(1);
    const refreshed = await auth.headers();

    expect(reused).toEqual(first);
    expect(refreshed.authorization).not.toBe(first.authorization);
    expect(erp.tokenRequests()).toHaveLength(2);
    expect(await callApi(refreshed)).toBe(200);
  });

  test('a token past its expiry is never sent: the next call fetches a new one', async () => {
    const auth = authWith();
    const first = await auth.headers();

    advanceBoth(LIFETIME_SECONDS * 1000 + 1);
    const next = await auth.headers();

    expect(await callApi(first)).toBe(401);
    expect(await callApi(next)).toBe(200);
  });

  test('after a 401 the token is refreshed once, however many requests were refused with it', async () => {
    const auth = authWith();
    const stale = await auth.headers();
    serverClock.advance(LIFETIME_SECONDS * 1000);
    expect(await callApi(stale)).toBe(401);

    auth.onUnauthorized(stale);
    const fresh = await auth.headers();
    auth.onUnauthorized(stale);
    const afterSecondRefusal = await auth.headers();

    expect(fresh.authorization).not.toBe(stale.authorization);
    expect(afterSecondRefusal).toEqual(fresh);
    expect(erp.tokenRequests()).toHaveLength(2);
    expect(await callApi(fresh)).toBe(200);
  });

  test('onUnauthorized without the refused headers drops the current token', async () => {
    const auth = authWith();
    await auth.headers();

    auth.onUnauthorized();
    await auth.headers();

    expect(erp.tokenRequests()).toHaveLength(2);
  });

  test('concurrent callers share one token request', async () => {
    const auth = authWith();

    const all = await Promise.all(Array.from({ length: 10 }, () => auth.headers()));

    expect(erp.tokenRequests()).toHaveLength(1);
    expect(new Set(all.map((headers) => headers.authorization)).size).toBe(1);
  });

  test('bad credentials are a clear, non-retryable error that names no secret value, and are not cached', async () => {
    const auth = authWith('erp/oauth-wrong');

    const error = await auth.headers().catch((caught: unknown) => caught);
    await auth.headers().catch(() => undefined);

    expect(error).toBeInstanceOf(ApiAuthError);
    expect(error).toMatchObject({
      name: 'ApiAuthError',
      problem: 'token-refused',
      retryable: false,
      message: `token endpoint ${erp.url}${TOKEN_PATH} refused the client credentials: HTTP 401 invalid_client`,
    });
    expect(String((error as Error).message)).not.toContain('not-the-secret');
    expect(erp.tokenRequests()).toHaveLength(2);
  });

  test('a token endpoint that does not answer is a retryable error with the transport failure as cause', async () => {
    const gone = await startFakeDownstream({ name: 'gone' });
    await gone.close();
    const auth = authWith('erp/oauth', `${gone.url}${TOKEN_PATH}?tenant=abc`);

    const error = await auth.headers().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ problem: 'token-unavailable', retryable: true });
    expect((error as Error).message).toMatch(new RegExp(`^token endpoint ${gone.url}${TOKEN_PATH} did not answer`));
    expect((error as Error).cause).toMatchObject({ name: 'HttpTransportError' });
  });
});
