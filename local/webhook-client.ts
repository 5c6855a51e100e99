import type { SignatureSchemeConfig, SourceConfig } from '../config/schema';
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
    /** Which of the source's schemes signs, when it has several (ShipBob's on logistics); see `senderScheme`. */
    scheme?: SignatureSchemeConfig['kind'];
  } = {},
): VendorWebhook {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const headers = signedHeadersFor(
    senderScheme(source, options.scheme),
    body,
    secret,
    nowSeconds,
    options.deliveryId,
    { method: 'POST', url },
    options.eventId,
  );
  if (source.eventTypeHeader && options.eventType) headers[source.eventTypeHeader] = options.eventType;
  if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
  return { url, headers, body };
}

/**
 * The scheme a sender of the source signs with: the one named, else the source's first scheme that signs in a
 * header. Business Central signs nothing in a header, so its notifications are built with
 * `businessCentralNotification` (the secret goes in the body) and sent with `scheme: 'business-central'`.
 */
export function senderScheme(source: SourceConfig, kind?: SignatureSchemeConfig['kind']): SignatureSchemeConfig {
  const schemes = [source.scheme, ...(source.additionalSchemes ?? [])];
  const chosen = kind
    ? schemes.find((scheme) => scheme.kind === kind)
    : schemes.find((scheme) => scheme.kind !== 'business-central');
  if (!chosen) throw new Error(`source "${source.name}" has no ${kind ?? 'header-signed'} scheme`);
  return chosen;
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
