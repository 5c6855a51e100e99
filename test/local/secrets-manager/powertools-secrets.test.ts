import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { startLocalSecretsManager, type LocalSecretsManager } from '../../../local/secrets-manager';
import { LOCAL_AWS_ENV, setEnv } from './helpers/secrets-client';

/** Fakes only the clock the Powertools cache reads; timers stay real so HTTP keeps working. */
const fakeOnlyTheDate = (): void => {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
};

describe('Powertools getSecret against the local Secrets Manager', () => {
  let secrets: LocalSecretsManager;
  let restoreEnv: () => void;

  beforeAll(async () => {
    secrets = await startLocalSecretsManager({
      secrets: { 'crm/api-key': 'key-1', 'erp/oauth': '{"clientId":"interchange","clientSecret":"s"}' },
    });
    restoreEnv = setEnv({ ...LOCAL_AWS_ENV, AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint });
  });
  afterEach(() => jest.useRealTimers());
  afterAll(async () => {
    restoreEnv();
    await secrets.close();
  });

  const getCalls = (): number => secrets.operations().filter((operation) => operation === 'GetSecretValue').length;

  it('reaches the local endpoint through AWS_ENDPOINT_URL_SECRETS_MANAGER', async () => {
    const before = getCalls();

    const value = await getSecret('crm/api-key', { forceFetch: true });

    expect(value).toBe('key-1');
    expect(getCalls()).toBe(before + 1);
  });

  it('parses a JSON secret when asked to', async () => {
    await expect(getSecret('erp/oauth', { transform: 'json' })).resolves.toEqual({
      clientId: 'interchange',
      clientSecret: 's',
    });
  });

  it('serves a cached value within maxAge, and fetches again after it', async () => {
    fakeOnlyTheDate();
    secrets.putSecret('rotating', 'old');
    const first = await getSecret('rotating', { maxAge: 60 });
    const callsAfterFirst = getCalls();
    secrets.putSecret('rotating', 'new');

    const cached = await getSecret('rotating', { maxAge: 60 });
    jest.setSystemTime(Date.now() + 61_000);
    const refreshed = await getSecret('rotating', { maxAge: 60 });

    expect([first, cached, refreshed]).toEqual(['old', 'old', 'new']);
    expect(getCalls()).toBe(callsAfterFirst + 1);
  });

  it('bypasses the cache with forceFetch', async () => {
    secrets.putSecret('forced', 'a');
    await getSecret('forced', { maxAge: 300 });
    secrets.putSecret('forced', 'b');

    await expect(getSecret('forced', { maxAge: 300, forceFetch: true })).resolves.toBe('b');
  });

  it('fails a missing secret with GetParameterError caused by ResourceNotFoundException', async () => {
    const missing = getSecret('does/not/exist');

    await expect(missing).rejects.toMatchObject({
      name: 'GetParameterError',
      message: "Secrets Manager can't find the specified secret.",
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});
