import * as z from 'zod';
import type { HttpRequest } from '../../shared/http-client';

/**
 * Stripe's webhook endpoints (`GET /v1/webhook_endpoints`): Stripe disables an endpoint that keeps failing, and
 * `POST /v1/webhook_endpoints/{id}` with `disabled=false` enables it again. An endpoint that is gone cannot be made
 * here: a new one comes with a new signing secret, which only an operator can store.
 */
const endpointSchema = z.object({ id: z.string().min(1), url: z.string(), status: z.string() });
const endpointListSchema = z.object({ data: z.array(z.unknown()), has_more: z.boolean().optional() });
export type StripeWebhookEndpoint = z.infer<typeof endpointSchema>;

/** The endpoints of a list answer that are well formed. */
export function parseEndpointList(
  body: string,
):
  | { readonly ok: true; readonly endpoints: readonly StripeWebhookEndpoint[] }
  | { readonly ok: false; readonly error: string } {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return { ok: false, error: 'endpoint list is not JSON' };
  }
  const list = endpointListSchema.safeParse(document);
  if (!list.success) return { ok: false, error: 'endpoint list has no "data" array' };
  const endpoints = list.data.data.flatMap((entry) => {
    const parsed = endpointSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return { ok: true, endpoints };
}

/** What to do about the endpoint that posts to our URL. */
export type EndpointAction =
  | { readonly kind: 'keep'; readonly endpoint: StripeWebhookEndpoint }
  | { readonly kind: 'enable'; readonly endpoint: StripeWebhookEndpoint }
  | { readonly kind: 'missing' };

/** Keeps an enabled endpoint to our URL, enables a disabled one, and reports none as missing. */
export function planEndpoint(endpoints: readonly StripeWebhookEndpoint[], notificationUrl: string): EndpointAction {
  const ours = endpoints.filter((endpoint) => endpoint.url === notificationUrl);
  const enabled = ours.find((endpoint) => endpoint.status === 'enabled');
  if (enabled) return { kind: 'keep', endpoint: enabled };
  const disabled = ours[0];
  return disabled ? { kind: 'enable', endpoint: disabled } : { kind: 'missing' };
}

/** `GET /v1/webhook_endpoints` (up to 100, the most an account has: Stripe allows 16). */
export function endpointListRequest(baseUrl: string): HttpRequest {
  return {
    method: 'GET',
    url: `${baseUrl.replace(/\/+$/, '')}/v1/webhook_endpoints?limit=100`,
    headers: { accept: 'application/json' },
  };
}

/** `POST /v1/webhook_endpoints/{id}` with `disabled=false`, form-encoded as Stripe's API takes it. */
export function enableEndpointRequest(baseUrl: string, endpoint: StripeWebhookEndpoint): HttpRequest {
  return {
    method: 'POST',
    url: `${baseUrl.replace(/\/+$/, '')}/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}`,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'disabled=false',
  };
}
