/**
 * Reading destination credentials out of a secret's text. Problems describe the shape only: a secret's content
 * never appears in a message, not even a fragment of it (JSON.parse's own error quotes the text, so it is dropped).
 */

/** A parsed secret, or what is wrong with its shape. */
export type SecretReading<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** The client id and secret of an OAuth2 client-credentials grant. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

const asObject = (text: string): Record<string, unknown> | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
};

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * An API key stored as JSON `{"apiKey": "..."}` or as the bare key. Text that is a JSON object must carry the
 * key under `apiKey`; any other text is the key itself, surrounding whitespace trimmed.
 */
export function parseApiKeySecret(text: string): SecretReading<string> {
  const object = asObject(text);
  if (object === undefined) {
    return nonEmpty(text) ? { ok: true, value: text.trim() } : { ok: false, problem: 'is empty' };
  }
  return nonEmpty(object.apiKey)
    ? { ok: true, value: object.apiKey }
    : { ok: false, problem: 'is a JSON object without a non-empty string "apiKey"' };
}

/** OAuth2 client credentials stored as JSON `{"clientId": "...", "clientSecret": "..."}`. */
export function parseClientCredentialsSecret(text: string): SecretReading<ClientCredentials> {
  const object = asObject(text);
  if (object === undefined) return { ok: false, problem: 'is not a JSON object' };
  const missing = (['clientId', 'clientSecret'] as const).filter((field) => !nonEmpty(object[field]));
  if (missing.length > 0) {
    return { ok: false, problem: `lacks a non-empty string ${missing.map((field) => `"${field}"`).join(' and ')}` };
  }
  return { ok: true, value: { clientId: object.clientId as string, clientSecret: object.clientSecret as string } };
}
