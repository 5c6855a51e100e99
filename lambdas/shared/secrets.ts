import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { tracer } from './tracer';

/** Secrets change rarely (a rotation); five minutes of caching keeps Secrets Manager off the hot path. */
const SECRET_CACHE_SECONDS = 300;

const provider = new SecretsProvider({ awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient({})) });

/** A secret's string value by name or ARN, cached; undefined for a binary or empty secret. */
export async function readSecretString(secretId: string): Promise<string | undefined> {
  const value = await provider.get(secretId, { maxAge: SECRET_CACHE_SECONDS });
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Reads a source's signing secret value. A JSON `{"current": "...", "previous": "..."}` yields both, so a
 * vendor can rotate its secret without a window of refused webhooks; a plain string is a single secret.
 */
export function signingSecretsFrom(secretValue: string | undefined): readonly string[] {
  if (!secretValue) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretValue);
  } catch {
    return [secretValue];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [secretValue];
  const { current, previous } = parsed as Record<string, unknown>;
  return [current, previous].filter((value): value is string => typeof value === 'string' && value.length > 0);
}
