import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { startLocalSecretsManager, type LocalSecretsManager } from '../../../../../local/secrets-manager';

/** The local Secrets Manager, read the way a connector reads its credentials: Powertools, bypassing its cache. */
export interface LocalSecrets {
  readonly manager: LocalSecretsManager;
  readSecret(secretId: string): Promise<string | undefined>;
  /** How many times a secret value has been fetched so far. */
  reads(): number;
  close(): Promise<void>;
}

const ENV = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Starts the endpoint with `secrets` and points this process's SDK at it until close. */
export async function startLocalSecrets(secrets: Record<string, string>): Promise<LocalSecrets> {
  const manager = await startLocalSecretsManager({ secrets });
  const values = { ...ENV, AWS_ENDPOINT_URL_SECRETS_MANAGER: manager.endpoint };
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return {
    manager,
    async readSecret(secretId) {
      const value = await getSecret(secretId, { forceFetch: true });
      return typeof value === 'string' ? value : undefined;
    },
    reads: () => manager.operations().filter((operation) => operation === 'GetSecretValue').length,
    async close() {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await manager.close();
    },
  };
}
