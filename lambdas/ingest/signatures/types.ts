/**
 * How a source signs its webhooks. Structurally the same as the configuration's signature scheme, so a parsed
 * source configuration can be handed to the verifier as it is.
 */
export type SignatureScheme =
  /** `x-shopify-hmac-sha256`: base64 HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes. */
  | { readonly kind: 'shopify' }
  /** `stripe-signature: t=…,v1=…[,v1=…]`: hex HMAC-SHA256 of `${t}.${body}`, keyed with the secret's UTF-8 bytes. */
  | { readonly kind: 'stripe'; readonly toleranceSeconds: number }
  /**
   * `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64> …]`: HMAC-SHA256 of
   * `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of a `whsec_<base64>` secret.
   */
  | { readonly kind: 'standard-webhooks'; readonly toleranceSeconds: number }
  /** A configured header carrying the hex HMAC-SHA256 of the body, with an optional GitHub-style `sha256=` prefix. */
  | { readonly kind: 'hex-hmac'; readonly header: string }
  /** EasyPost's `x-hmac-signature: hmac-sha256-hex=<hex>` of the body, keyed with the NFKD-normalised secret. */
  | { readonly kind: 'easypost' }
  /**
   * HubSpot's `x-hubspot-signature-v3`: base64 HMAC-SHA256 of `method + uri + body + timestamp`, the timestamp being
   * `x-hubspot-request-timestamp` in epoch milliseconds.
   */
  | { readonly kind: 'hubspot-v3'; readonly toleranceSeconds: number }
  /** Business Central: no signature; each notification's `clientState` is the subscription's shared secret. */
  | { readonly kind: 'business-central' };

/** A received webhook as the verifier needs it: header names lower-cased, the body exactly as the vendor sent it. */
export interface SignedWebhook {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  /** The HTTP method and the full URL the vendor called, for schemes that sign them (HubSpot v3). */
  readonly method?: string;
  readonly url?: string;
}

/**
 * Why a webhook did not verify. `stale-timestamp` is reported only for a request whose signature holds, so it
 * always means a genuine delivery outside the window (a replay or a skewed clock), never a forgery.
 */
export type SignatureFailure =
  'missing-signature' | 'malformed-signature' | 'signature-mismatch' | 'missing-timestamp' | 'stale-timestamp';

/** The verifier's answer: what the signature vouches for, or why it vouches for nothing. */
export type SignatureVerification =
  | {
      readonly ok: true;
      /** Epoch seconds the vendor signed, for schemes that sign a timestamp. */
      readonly signedAt?: number;
      /** The signed delivery id (`webhook-id`) for Standard Webhooks. */
      readonly deliveryId?: string;
    }
  | { readonly ok: false; readonly failure: SignatureFailure };
