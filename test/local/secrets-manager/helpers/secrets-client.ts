/** Clients and raw requests for the local Secrets Manager tests: the real SDK, with dummy credentials. */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Dummy credentials and region: the local endpoint checks no signature, but the SDK insists on signing. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

/** An SDK client pointed at the local endpoint. */
export const secretsClientFor = (endpoint: string): SecretsManagerClient =>
  new SecretsManagerClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });

/** Posts a raw AWS JSON 1.1 request, for inputs the SDK would never send. */
export const rawRequest = async (
  endpoint: string,
  target: string | undefined,
  body: string,
): Promise<{ status: number; json: { __type?: string; Message?: string } }> => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', ...(target ? { 'x-amz-target': target } : {}) },
    body,
  });
  return { status: response.status, json: (await response.json()) as { __type?: string; Message?: string } };
};

/** Sets environment variables for the rest of a test file and returns how to restore them. */
export const setEnv = (values: Record<string, string>): (() => void) => {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
};
