import type { SourceConfig } from '../config/schema';
import { signedHeadersFor } from './signers';

/** A webhook exactly as a source's vendor would send it: signed body and the vendor's headers. */
export interface VendorWebhook {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Builds a signed webhook for a configured source, putting the topic where that source's vendor puts it
 * (a header such as `x-shopify-topic`; a body field is already in the payload). Used by the demo, the
 * end-to-end tests and the benchmarks, so all three send what vendors send.
 */
export function vendorWebhook(
  source: SourceConfig,
  url: string,
  secret: string,
  payload: string | Buffer,
  options: {
    eventType?: string;
    deliveryId?: string;
    eventId?: string;
    nowSeconds?: number;
    correlationId?: string;
  } = {},
): VendorWebhook {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const headers = signedHeadersFor(source.scheme, body, secret, nowSeconds, options.deliveryId, options.eventId);
  if (source.eventTypeHeader && options.eventType) headers[source.eventTypeHeader] = options.eventType;
  if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
  return { url, headers, body };
}

/** Posts a webhook and returns the status and the correlation id the ingest answered with. */
export async function postWebhook(webhook: VendorWebhook): Promise<{ status: number; correlationId?: string }> {
  const response = await fetch(webhook.url, { method: 'POST', headers: webhook.headers, body: webhook.body });
  const text = await response.text();
  let correlationId: string | undefined;
  try {
    correlationId = (JSON.parse(text) as { correlationId?: string }).correlationId;
  } catch {
    correlationId = undefined;
  }
  return { status: response.status, ...(correlationId ? { correlationId } : {}) };
}
