import type { HttpRequest, HttpResponse } from '../../shared/http-client';
import type { ClientCredentials } from './credentials-secret';

/** Lifetime assumed when a token endpoint leaves out `expires_in` (RFC 6749 only recommends it); a 401 still refreshes. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;
/** A token is replaced this long before it expires, so a request never leaves with a token about to lapse. */
const MAX_EXPIRY_MARGIN_MS = 60_000;

/** A bearer token and the instant from which it is no longer used. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly refreshAtMs: number;
}

/** What a token answer came to. `retryable` says whether asking again later may succeed. */
export type TokenReading =
  | { readonly ok: true; readonly token: IssuedToken }
  | { readonly ok: false; readonly retryable: boolean; readonly refused: boolean; readonly problem: string };

/** RFC 6749 section 4.4 client-credentials request, credentials in the form body (client_secret_post). */
export function tokenRequest(tokenUrl: string, credentials: ClientCredentials, scope?: string): HttpRequest {
  return {
    method: 'POST',
    url: tokenUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      ...(scope ? { scope } : {}),
    }).toString(),
  };
}

/** Replaced a tenth of its lifetime early, at most a minute: an hour's token lives 59 minutes here. */
export function refreshAt(requestedAtMs: number, lifetimeSeconds: number): number {
  const lifetimeMs = lifetimeSeconds * 1000;
  return requestedAtMs + lifetimeMs - Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10);
}

const parseJson = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** An RFC 6749 error code is a short token; anything else in an error body might echo what was sent, so it is not quoted. */
const errorCode = (body: Record<string, unknown> | undefined): string => {
  const code = body?.error;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? ` ${code}` : '';
};

const lifetimeOf = (value: unknown): number | undefined => {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
};

/**
 * Reads a token endpoint's answer, requested at `requestedAtMs` (the expiry counts from the request, not the
 * answer, to stay on the safe side). 400 and 401 mean the client is refused; 408, 429 and 5xx that the
 * endpoint may answer later. Problems never quote the token or the body.
 */
export function readTokenResponse(response: HttpResponse, requestedAtMs: number): TokenReading {
  const body = parseJson(response.body);
  const { status } = response;
  if (status < 200 || status > 299) {
    const retryable = status >= 500 || status === 408 || status === 429;
    const refused = status === 400 || status === 401;
    const what = refused ? 'refused the client credentials' : 'did not issue a token';
    return { ok: false, retryable, refused, problem: `${what}: HTTP ${status}${errorCode(body)}` };
  }
  const accessToken = body?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    return { ok: false, retryable: false, refused: false, problem: 'answered without an access_token' };
  }
  const tokenType = body?.token_type;
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
    return { ok: false, retryable: false, refused: false, problem: 'issued a token that is not a Bearer token' };
  }
  const lifetime = lifetimeOf(body?.expires_in) ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  return { ok: true, token: { accessToken, refreshAtMs: refreshAt(requestedAtMs, lifetime) } };
}
