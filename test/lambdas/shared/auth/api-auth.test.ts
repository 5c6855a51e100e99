import { createApiAuth, ApiAuthError } from '../../../../lambdas/shared/auth';
import { sendHttp } from '../../../../lambdas/shared/http-client';
import { startFakeDownstream, type FakeDownstream } from '../../../../local/downstream';
import { startLocalSecrets, type LocalSecrets } from './helpers/local-secrets';

const API_KEY = 'crm-key-4b1e9';

let secrets: LocalSecrets;
let crm: FakeDownstream;

beforeAll(async () => {
  secrets = await startLocalSecrets({
    'crm/api-key-json': JSON.stringify({ apiKey: API_KEY }),
    'crm/api-key-plain': `${API_KEY}\n`,
    'crm/api-key-rotating': 'revoked-key',
    'crm/api-key-wrong-shape': JSON.stringify({ key: API_KEY }),
    'crm/api-key-blank': '   ',
    'erp/oauth-not-json': `clientId=interchange&clientSecret=${API_KEY}`,
    'erp/oauth-no-secret': JSON.stringify({ clientId: 'interchange' }),
  });
  crm = await startFakeDownstream({ name: 'crm', auth: { scheme: 'api-key', header: 'x-api-key', key: API_KEY } });
});
afterEach(() => crm.reset());
afterAll(async () => {
  await crm.close();
  await secrets.close();
});

const deps = { send: sendHttp, readSecret: (id: string) => secrets.readSecret(id), now: Date.now };
const apiKeyAuth = (secretName: string) => createApiAuth({ kind: 'api-key', header: 'x-api-key', secretName }, deps);
const oauthAuth = (secretName: string) =>
  createApiAuth({ kind: 'oauth2-client-credentials', tokenUrl: `${crm.url}/oauth/token`, secretName }, deps);

async function callApi(headers: Record<string, string>): Promise<number> {
  const response = await sendHttp({ method: 'POST', url: `${crm.url}/objects/contacts`, headers, body: '{}' }, 2_000);
  return response.status;
}

describe('destination auth', () => {
  test('none adds no headers and ignores a 401', async () => {
    const auth = createApiAuth({ kind: 'none' }, deps);

    auth.onUnauthorized();

    await expect(auth.headers()).resolves.toEqual({});
  });

  test.each(['crm/api-key-json', 'crm/api-key-plain'])(
    'an API key from %s goes in the configured header',
    async (name) => {
      const headers = await apiKeyAuth(name).headers();

      expect(headers).toEqual({ 'x-api-key': API_KEY });
      expect(await callApi(headers)).toBe(201);
    },
  );

  test('the API key is read once, and read again after a 401 so a rotated key is picked up', async () => {
    const auth = apiKeyAuth('crm/api-key-rotating');
    const before = secrets.reads();
    const revoked = await auth.headers();
    await auth.headers();
    expect(await callApi(revoked)).toBe(401);
    secrets.manager.putSecret('crm/api-key-rotating', API_KEY);

    auth.onUnauthorized(revoked);
    const rotated = await auth.headers();

    expect(secrets.reads() - before).toBe(2);
    expect(await callApi(rotated)).toBe(201);
  });

  test.each([
    ['crm/api-key-wrong-shape', 'is a JSON object without a non-empty string "apiKey"'],
    ['crm/api-key-blank', 'is empty'],
  ])('an API key secret %s is refused with its shape named, not its content', async (name, problem) => {
    const error = await apiKeyAuth(name)
      .headers()
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiAuthError);
    expect(error).toMatchObject({ problem: 'secret-invalid', retryable: false, message: `secret ${name} ${problem}` });
    expect((error as Error).message).not.toContain(API_KEY);
  });

  test.each([
    ['erp/oauth-not-json', 'is not a JSON object'],
    ['erp/oauth-no-secret', 'lacks a non-empty string "clientSecret"'],
  ])('a client-credentials secret %s is refused before any token request', async (name, problem) => {
    const error = await oauthAuth(name)
      .headers()
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ problem: 'secret-invalid', message: `secret ${name} ${problem}` });
    expect((error as Error).message).not.toContain(API_KEY);
    expect(crm.tokenRequests()).toHaveLength(0);
  });

  test('the deployed secret id is read in place of the configured name', async () => {
    const auth = createApiAuth(
      { kind: 'api-key', header: 'x-api-key', secretName: 'crm/not-deployed' },
      { ...deps, secretId: 'crm/api-key-json' },
    );

    await expect(auth.headers()).resolves.toEqual({ 'x-api-key': API_KEY });
  });

  test('a secret that cannot be read is a retryable error naming the secret, with the cause kept', async () => {
    const error = await apiKeyAuth('crm/no-such-secret')
      .headers()
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      problem: 'secret-unreadable',
      retryable: true,
      message: 'could not read secret crm/no-such-secret',
    });
    expect((error as Error).cause).toBeDefined();
  });

  test('a secret without a string value is a non-retryable error', async () => {
    const auth = createApiAuth(
      { kind: 'api-key', header: 'x-api-key', secretName: 'crm/binary' },
      { ...deps, readSecret: async () => undefined },
    );

    await expect(auth.headers()).rejects.toMatchObject({
      problem: 'secret-missing',
      retryable: false,
      message: 'secret crm/binary has no value',
    });
  });
});
