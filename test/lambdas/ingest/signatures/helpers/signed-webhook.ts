import type { SignatureScheme, SignedWebhook } from '../../../../../lambdas/ingest/signatures';
import { signedHeadersFor } from '../../../../../local/signers';

/**
 * One builder for every verifier test: it signs a valid webhook the way the vendor would, and each test then breaks
 * exactly one thing with the small modifiers below.
 */

/** The clock every test verifies at, in epoch seconds. */
export const NOW = 1_750_000_000;
export const TOLERANCE_SECONDS = 300;

/** Where a vendor posts in these tests; HubSpot signs it. */
export const WEBHOOK_URL = 'https://hooks.example.com/webhooks/crm';

/**
 * One scheme of each kind that signs in a header, as the configuration declares them. Business Central carries its
 * secret in the body instead and has its own tests.
 */
export const SCHEMES = {
  shopify: { kind: 'shopify' },
  stripe: { kind: 'stripe', toleranceSeconds: TOLERANCE_SECONDS },
  'standard-webhooks': { kind: 'standard-webhooks', toleranceSeconds: TOLERANCE_SECONDS },
  'hex-hmac': { kind: 'hex-hmac', header: 'x-signature-sha256' },
  easypost: { kind: 'easypost' },
  'hubspot-v3': { kind: 'hubspot-v3', toleranceSeconds: TOLERANCE_SECONDS },
} as const satisfies Record<Exclude<SignatureScheme['kind'], 'business-central'>, SignatureScheme>;
export const ALL_SCHEMES: readonly SignatureScheme[] = Object.values(SCHEMES);

/** The secrets of a source mid-rotation, plus one it never had; Standard Webhooks secrets are `whsec_<base64>`. */
export function secretsFor(scheme: SignatureScheme): { current: string; previous: string; unrelated: string } {
  if (scheme.kind === 'standard-webhooks') {
    return {
      current: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      previous: `whsec_${Buffer.alloc(32, 2).toString('base64')}`,
      unrelated: `whsec_${Buffer.alloc(32, 3).toString('base64')}`,
    };
  }
  return { current: 'whsec_current-signing-secret', previous: 'whsec_previous-signing-secret', unrelated: 'whsec_x' };
}

/** The header a scheme carries its signature in. */
export function signatureHeaderOf(scheme: SignatureScheme): string {
  switch (scheme.kind) {
    case 'shopify':
      return 'x-shopify-hmac-sha256';
    case 'stripe':
      return 'stripe-signature';
    case 'standard-webhooks':
      return 'webhook-signature';
    case 'hex-hmac':
      return scheme.header;
    case 'easypost':
      return 'x-hmac-signature';
    case 'hubspot-v3':
      return 'x-hubspot-signature-v3';
    case 'business-central':
      throw new Error('Business Central signs in the body, not a header');
  }
}

export const DEFAULT_BODY = '{"id":"evt_1","type":"order.created","data":{"total":"12.50"}}';
export const DEFAULT_DELIVERY_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

/** Everything `verifyWebhookSignature` takes, signed validly unless a test changes it. */
export interface WebhookCase {
  readonly scheme: SignatureScheme;
  readonly webhook: SignedWebhook;
  readonly secrets: readonly string[];
  readonly now: number;
}

/** A valid webhook for the scheme, verified at NOW with the source's current and previous secrets. */
export function signedWebhook(
  scheme: SignatureScheme,
  options: { body?: Buffer | string; signingSecret?: string; signedAt?: number; deliveryId?: string } = {},
): WebhookCase {
  const body = options.body ?? DEFAULT_BODY;
  const { current, previous } = secretsFor(scheme);
  const headers = signedHeadersFor(
    scheme,
    body,
    options.signingSecret ?? current,
    options.signedAt ?? NOW,
    options.deliveryId ?? DEFAULT_DELIVERY_ID,
    { method: 'POST', url: WEBHOOK_URL },
  );
  const rawBody = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    scheme,
    webhook: { headers, rawBody, method: 'POST', url: WEBHOOK_URL },
    secrets: [current, previous],
    now: NOW,
  };
}

/** The same case with one header set, replaced or (with undefined) removed. */
export function withHeader(base: WebhookCase, name: string, value: string | undefined): WebhookCase {
  const headers: Record<string, string | undefined> = { ...base.webhook.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...base, webhook: { ...base.webhook, headers } };
}

/** The same headers over a different body. */
export function withBody(base: WebhookCase, rawBody: Buffer): WebhookCase {
  return { ...base, webhook: { ...base.webhook, rawBody } };
}

/** The body with one byte changed. */
export function flipOneByte(body: Buffer, index = 0): Buffer {
  const tampered = Buffer.from(body);
  tampered[index] = (tampered[index] ?? 0) ^ 0x01;
  return tampered;
}
