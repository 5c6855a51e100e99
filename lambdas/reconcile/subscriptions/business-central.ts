import * as z from 'zod';
import type { HttpRequest } from '../../shared/http-client';

/**
 * Business Central's webhook subscriptions (API v2.0 `subscriptions` entity): each lives three days unless it is
 * renewed by a PATCH carrying its ETag in If-Match, and every POST and PATCH is confirmed by a handshake in which
 * Business Central calls the notification URL with `?validationToken=` and expects it echoed (ingest does that).
 */

/** A subscription as `GET /subscriptions` lists it. */
export const businessCentralSubscriptionSchema = z.object({
  subscriptionId: z.string().min(1),
  notificationUrl: z.string(),
  resource: z.string(),
  expirationDateTime: z.string().refine((text) => Number.isFinite(Date.parse(text)), 'expected a date-time'),
  '@odata.etag': z.string().min(1),
});
export type BusinessCentralSubscription = z.infer<typeof businessCentralSubscriptionSchema>;

const subscriptionListSchema = z.object({ value: z.array(z.unknown()) });

/** The subscriptions of a list answer that are well formed; the others are named, so one odd entry does not hide the rest. */
export function parseSubscriptionList(
  body: string,
):
  | { readonly ok: true; readonly subscriptions: readonly BusinessCentralSubscription[]; readonly malformed: number }
  | { readonly ok: false; readonly error: string } {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return { ok: false, error: 'subscription list is not JSON' };
  }
  const list = subscriptionListSchema.safeParse(document);
  if (!list.success) return { ok: false, error: 'subscription list has no "value" array' };
  const subscriptions: BusinessCentralSubscription[] = [];
  for (const entry of list.data.value) {
    const parsed = businessCentralSubscriptionSchema.safeParse(entry);
    if (parsed.success) subscriptions.push(parsed.data);
  }
  return { ok: true, subscriptions, malformed: list.data.value.length - subscriptions.length };
}

/** What to do about one configured resource's subscription. */
export type SubscriptionAction =
  | { readonly kind: 'keep'; readonly resource: string; readonly subscription: BusinessCentralSubscription }
  | { readonly kind: 'renew'; readonly resource: string; readonly subscription: BusinessCentralSubscription }
  | { readonly kind: 'create'; readonly resource: string };

/**
 * For each resource Interchange should be notified about: keep its subscription to our URL while it has more
 * than `renewWithinMs` to live, renew it before then, and make a new one when there is none or it has expired
 * (an expired subscription can no longer be renewed).
 */
export function planSubscriptions(
  resources: readonly string[],
  notificationUrl: string,
  subscriptions: readonly BusinessCentralSubscription[],
  nowMs: number,
  renewWithinMs: number,
): SubscriptionAction[] {
  return resources.map((resource) => {
    const live = subscriptions
      .filter(
        (candidate) => sameResource(candidate.resource, resource) && candidate.notificationUrl === notificationUrl,
      )
      .filter((candidate) => Date.parse(candidate.expirationDateTime) > nowMs)
      .sort((a, b) => Date.parse(b.expirationDateTime) - Date.parse(a.expirationDateTime));
    const subscription = live[0];
    if (subscription === undefined) return { kind: 'create', resource };
    const expiresInMs = Date.parse(subscription.expirationDateTime) - nowMs;
    return { kind: expiresInMs <= renewWithinMs ? 'renew' : 'keep', resource, subscription };
  });
}

/** Resource paths compare without case (OData is case-insensitive in entity set names) or a trailing slash. */
function sameResource(a: string, b: string): boolean {
  const normal = (path: string) => path.replace(/\/+$/, '').toLowerCase();
  return normal(a) === normal(b);
}

/** The request that carries out an action; `keep` needs none. */
export function subscriptionRequest(
  baseUrl: string,
  action: Exclude<SubscriptionAction, { kind: 'keep' }>,
  notificationUrl: string,
  clientState: string,
): HttpRequest {
  const root = `${baseUrl.replace(/\/+$/, '')}/subscriptions`;
  const body = JSON.stringify({ notificationUrl, resource: action.resource, clientState });
  const headers = { accept: 'application/json', 'content-type': 'application/json' };
  if (action.kind === 'create') return { method: 'POST', url: root, headers, body };
  const id = encodeURIComponent(action.subscription.subscriptionId.replace(/'/g, "''"));
  return {
    method: 'PATCH',
    url: `${root}('${id}')`,
    headers: { ...headers, 'if-match': action.subscription['@odata.etag'] },
    body,
  };
}
