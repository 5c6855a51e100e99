import fc from 'fast-check';
import { SecretsManagerError } from '../../../local/secrets-manager';
import { SecretStore } from '../../../local/secrets-manager/secret-store';
import { runSecretsManagerOperation } from '../../../local/secrets-manager/secrets-manager-operations';

const OPERATIONS = ['CreateSecret', 'PutSecretValue', 'GetSecretValue', 'DescribeSecret'];

const outcomeOf = (store: SecretStore, operation: string, input: unknown): string => {
  try {
    runSecretsManagerOperation(store, operation, input);
    return 'ok';
  } catch (error) {
    if (error instanceof SecretsManagerError) return error.code;
    throw error;
  }
};

describe('runSecretsManagerOperation', () => {
  it('answers any request body with a result or a Secrets Manager error, never anything else', () => {
    const store = new SecretStore();
    store.create('known', { kind: 'string', text: 'v' });
    const member = fc.oneof(fc.constant('known'), fc.string(), fc.jsonValue());
    const request = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          Name: member,
          SecretId: member,
          SecretString: member,
          SecretBinary: member,
          VersionStage: member,
          VersionId: member,
        },
        { requiredKeys: [] },
      ),
    );

    fc.assert(
      fc.property(fc.constantFrom(...OPERATIONS), request, (operation, input) => {
        expect(typeof outcomeOf(store, operation, input)).toBe('string');
      }),
    );
  });

  it('answers a member of the wrong type with ValidationException naming the member', () => {
    const store = new SecretStore();

    expect(() => runSecretsManagerOperation(store, 'DescribeSecret', { SecretId: ['x'] })).toThrow(
      expect.objectContaining({ code: 'ValidationException', message: expect.stringContaining("'SecretId'") }),
    );
  });

  it('refuses a SecretBinary that is not base64', () => {
    const store = new SecretStore();

    expect(outcomeOf(store, 'CreateSecret', { Name: 'bin', SecretBinary: 'not base64!' })).toBe('ValidationException');
  });

  it('creates a secret without a value, whose current value is then missing', () => {
    const store = new SecretStore();

    const created = runSecretsManagerOperation(store, 'CreateSecret', { Name: 'empty' });

    expect(created.VersionId).toBeUndefined();
    expect(() => runSecretsManagerOperation(store, 'GetSecretValue', { SecretId: 'empty' })).toThrow(
      'for staging label: AWSCURRENT',
    );
  });
});
