/**
 * How a fake downstream authenticates callers, as the real systems do: an OAuth2 client-credentials token endpoint
 * (RFC 6749 section 4.4) whose bearer tokens every other request must carry, or a static API key header.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Credentials a fake downstream expects; without one, every request is let in. */
export type DownstreamAuth =
  | {
      readonly scheme: 'oauth2-client-credentials';
      readonly clientId: string;
      readonly clientSecret: string;
      /** Seconds a token stays valid; 3600 when absent. */
      readonly tokenLifetimeSeconds?: number;
    }
  | { readonly scheme: 'api-key'; readonly header: string; readonly key: string };

/** Path of the token endpoint, served only under the OAuth2 scheme. */
export const TOKEN_PATH = '/oauth/token';

/** An HTTP answer as plain data, so the server adapter only writes it. */
export interface AuthAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

const tokenError = (status: number, error: string, description: string): AuthAnswer => ({
  status,
  headers: status === 401 ? { 'www-authenticate': 'Basic realm="token"' } : {},
  body: { error, error_description: description },
});

/** RFC 6749 form-encodes Basic credentials before base64; a malformed escape is simply a wrong credential. */
const formDecode = (text: string): string | null => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
};

/** The credentials a client sent: HTTP Basic (client_secret_basic) first, then the form (client_secret_post). */
const clientCredentials = (
  form: URLSearchParams,
  authorization: string | undefined,
): [string | null, string | null] => {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
  }
  return [form.get('client_id'), form.get('client_secret')];
};

/** Issues and checks credentials for one fake downstream. Tokens live in memory with their expiry. */
export class DownstreamAuthenticator {
  private readonly tokens = new Map<string, number>();

  constructor(
    readonly auth: DownstreamAuth | undefined,
    private readonly now: () => number,
  ) {}

  /** Whether `path` is this system's token endpoint rather than part of its API. */
  isTokenRequest(method: string, path: string): boolean {
    return this.auth?.scheme === 'oauth2-client-credentials' && method === 'POST' && path.split('?')[0] === TOKEN_PATH;
  }

  /** Answers a token request: a new bearer token for the expected client, an RFC 6749 error otherwise. */
  issueToken(body: string, headers: IncomingHttpHeaders): AuthAnswer {
    if (this.auth?.scheme !== 'oauth2-client-credentials') return tokenError(404, 'not_found', 'No token endpoint');
    if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return tokenError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType === null) return tokenError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      return tokenError(400, 'unsupported_grant_type', `Grant type ${grantType} is not supported`);
    }
    const [clientId, clientSecret] = clientCredentials(form, headers.authorization);
    if (clientId !== this.auth.clientId || clientSecret !== this.auth.clientSecret) {
      return tokenError(401, 'invalid_client', 'Client authentication failed');
    }
    const lifetimeSeconds = this.auth.tokenLifetimeSeconds ?? 3600;
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, this.now() + lifetimeSeconds * 1000);
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds },
    };
  }

  /** Undefined when the request may proceed, or the 401 answer when its credentials are missing or stale. */
  refuse(headers: IncomingHttpHeaders): AuthAnswer | undefined {
    const auth = this.auth;
    if (!auth) return undefined;
    if (auth.scheme === 'api-key') {
      const sent = headers[auth.header.toLowerCase()];
      return sent === auth.key
        ? undefined
        : { status: 401, headers: {}, body: { ok: false, reason: 'invalid api key' } };
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const expiresAt = bearer === undefined ? undefined : this.tokens.get(bearer);
    if (expiresAt !== undefined && this.now() < expiresAt) return undefined;
    const error = bearer === undefined ? 'Bearer realm="api"' : 'Bearer realm="api", error="invalid_token"';
    return { status: 401, headers: { 'www-authenticate': error }, body: { ok: false, reason: 'invalid token' } };
  }
}
