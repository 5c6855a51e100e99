import type { ApiAuthConfig } from '../../../config/schema';
import type { sendHttp } from '../http-client';
import { apiKeyCredential } from './api-key';
import { ApiAuthError } from './auth-error';
import type { CachedCredential } from './cached-credential';
import { clientCredentialsToken } from './client-credentials-token';

/** Timeout of a token request when none is given: the default downstream request timeout. */
const DEFAULT_TOKEN_TIMEOUT_MS = 5_000;

/** The I/O authentication needs, passed in so it runs against the local Secrets Manager and fake downstreams. */
export interface ApiAuthDeps {
  readonly send: typeof sendHttp;
  /** The secret's string value, undefined when it has none. */
  readonly readSecret: (secretId: string) => Promise<string | undefined>;
  readonly now: () => number;
  /** The deployed secret's id (ARN or name) when it differs from the configured `secretName`. */
  readonly secretId?: string;
  /** Timeout of each token request. */
  readonly timeoutMs?: number;
}

/** The headers that authenticate a request to one destination. */
export interface ApiAuth {
  /** Headers to add to the next request; rejects with a ApiAuthError when credentials cannot be had. */
  headers(): Promise<Record<string, string>>;
  /**
   * Tells the auth that the destination answered 401, so the next `headers()` fetches a fresh credential; the
   * caller then retries that request once. Pass the headers that were sent, so that many requests refused with
   * the same old token cause one refresh between them.
   */
  onUnauthorized(sentHeaders?: Readonly<Record<string, string>>): void;
}

const headerAuth = (header: string, credential: CachedCredential): ApiAuth => ({
  headers: async () => ({ [header]: await credential.get() }),
  onUnauthorized: (sent) => credential.invalidate(sent?.[header]),
});

/**
 * Authentication for a destination as its config says: none; an API key header read from a secret; or an OAuth2
 * client-credentials bearer token, cached until shortly before expiry, with one token request shared by concurrent
 * callers. Secret and token values stay in memory: they are never logged nor put in an error message.
 */
export function createApiAuth(auth: ApiAuthConfig, deps: ApiAuthDeps): ApiAuth {
  if (auth.kind === 'none') return { headers: async () => ({}), onUnauthorized: () => undefined };
  const secretId = deps.secretId ?? auth.secretName;
  const readSecretText = async (): Promise<string> => {
    let text: string | undefined;
    try {
      text = await deps.readSecret(secretId);
    } catch (error) {
      throw new ApiAuthError('secret-unreadable', true, `could not read secret ${secretId}`, { cause: error });
    }
    if (text === undefined) throw new ApiAuthError('secret-missing', false, `secret ${secretId} has no value`);
    return text;
  };
  const invalidSecret = (problem: string) => new ApiAuthError('secret-invalid', false, `secret ${secretId} ${problem}`);
  if (auth.kind === 'api-key')
    return headerAuth(auth.header, apiKeyCredential(readSecretText, invalidSecret, deps.now));
  const token = clientCredentialsToken(auth.tokenUrl, auth.scope, {
    send: deps.send,
    now: deps.now,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
    readSecretText,
    invalidSecret,
  });
  return headerAuth('authorization', token);
}
