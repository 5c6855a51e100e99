import { HttpTransportError, type HttpResponse, type sendHttp } from '../../shared/http-client';
import { ApiAuthError } from './auth-error';
import { cachedCredential, type CachedCredential } from './cached-credential';
import { parseClientCredentialsSecret } from './credentials-secret';
import { readTokenResponse, tokenRequest } from './token-exchange';

/** What fetching a token needs besides the token URL. */
export interface TokenPorts {
  readonly send: typeof sendHttp;
  readonly now: () => number;
  readonly timeoutMs: number;
  /** The credentials secret's text; rejects with a ApiAuthError when it cannot be had. */
  readonly readSecretText: () => Promise<string>;
  /** Names the secret in an error about its shape. */
  readonly invalidSecret: (problem: string) => ApiAuthError;
}

/** The endpoint as errors name it: without a query string, which some providers use for tenant keys. */
const endpointName = (tokenUrl: string): string => {
  const url = new URL(tokenUrl);
  return `${url.origin}${url.pathname}`;
};

/**
 * An OAuth2 client-credentials bearer token (RFC 6749 section 4.4), kept until shortly before it expires. The
 * secret is read again on every token request, so rotated client credentials take effect at the next refresh.
 */
export function clientCredentialsToken(
  tokenUrl: string,
  scope: string | undefined,
  ports: TokenPorts,
): CachedCredential {
  const endpoint = endpointName(tokenUrl);
  return cachedCredential(async () => {
    const secret = parseClientCredentialsSecret(await ports.readSecretText());
    if (!secret.ok) throw ports.invalidSecret(secret.problem);
    const requestedAtMs = ports.now();
    let response: HttpResponse;
    try {
      response = await ports.send(tokenRequest(tokenUrl, secret.value, scope), ports.timeoutMs);
    } catch (error) {
      if (!(error instanceof HttpTransportError)) throw error;
      const message = `token endpoint ${endpoint} did not answer: ${error.message}`;
      throw new ApiAuthError('token-unavailable', true, message, { cause: error });
    }
    const reading = readTokenResponse(response, requestedAtMs);
    if (!reading.ok) {
      const problem = reading.refused ? 'token-refused' : reading.retryable ? 'token-unavailable' : 'token-invalid';
      throw new ApiAuthError(problem, reading.retryable, `token endpoint ${endpoint} ${reading.problem}`);
    }
    return { value: `Bearer ${reading.token.accessToken}`, refreshAtMs: reading.token.refreshAtMs };
  }, ports.now);
}
