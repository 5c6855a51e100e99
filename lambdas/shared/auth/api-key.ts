import type { ApiAuthError } from './auth-error';
import { cachedCredential, type CachedCredential } from './cached-credential';
import { parseApiKeySecret } from './credentials-secret';

/**
 * An API key read from its secret once and kept until the destination refuses it; then the secret is read again,
 * which is how a rotated key is picked up without a redeploy.
 */
export function apiKeyCredential(
  readSecretText: () => Promise<string>,
  invalidSecret: (problem: string) => ApiAuthError,
  now: () => number,
): CachedCredential {
  return cachedCredential(async () => {
    const reading = parseApiKeySecret(await readSecretText());
    if (!reading.ok) throw invalidSecret(reading.problem);
    return { value: reading.value, refreshAtMs: Number.POSITIVE_INFINITY };
  }, now);
}
