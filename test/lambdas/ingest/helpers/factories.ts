import type { IngestSettings } from '../../../../config/function-settings';
import type { WebhookRequest } from '../../../../lambdas/ingest/accept-webhook';
import { signedHeadersFor } from '../../../../local/signers';

export const SECRET = 'shpss_test_secret_0123456789';
export const NOW_MS = Date.UTC(2026, 10, 24, 12, 0, 0);

/** Settings of a Shopify-style storefront source, as the stack would build them. */
export function storefrontSettings(overrides: Partial<IngestSettings> = {}): IngestSettings {
  return {
    source: 'storefront',
    scheme: { kind: 'shopify' },
    secretId: 'dev/interchange/webhooks/storefront',
    queueUrl: 'http://127.0.0.1:1/000000000000/ingest-storefront',
    payloadBucket: 'interchange-dev-payloads',
    eventTypeHeader: 'x-shopify-topic',
    deliveryIdHeader: 'x-shopify-webhook-id',
    maxBodyBytes: 4096,
    ...overrides,
  };
}

export const ORDER_BODY = JSON.stringify({ id: 820982911946154500, name: '#9999', total_price: '403.00' });

/** A request signed as the vendor would sign it; pass overrides to break one thing. */
export function signedRequest(
  settings: IngestSettings,
  body: string | Buffer = ORDER_BODY,
  overrides: Partial<WebhookRequest> & { extraHeaders?: Record<string, string | undefined> } = {},
): WebhookRequest {
  const headers: Record<string, string | undefined> = {
    ...signedHeadersFor(settings.scheme, body, SECRET, Math.floor(NOW_MS / 1000), 'delivery-1'),
    'x-shopify-topic': 'orders/create',
    ...overrides.extraHeaders,
  };
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return {
    method: 'POST',
    url: 'https://hooks.example.com/webhooks/storefront',
    query: {},
    headers,
    body: bytes.toString('base64'),
    isBase64Encoded: true,
    ...overrides,
  };
}
