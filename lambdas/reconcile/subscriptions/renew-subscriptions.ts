import type { SubscriptionsConfig } from '../../../config/schema';
import type { HttpRequest, HttpResponse } from '../../shared/http-client';
import { parseSubscriptionList, planSubscriptions, subscriptionRequest } from './business-central';
import { enableEndpointRequest, endpointListRequest, parseEndpointList, planEndpoint } from './stripe';

/** What the check did: subscriptions left alone, renewed, made or enabled, and those it could not keep alive. */
export interface RenewalOutcome {
  readonly kept: number;
  readonly renewed: number;
  readonly created: number;
  readonly enabled: number;
  readonly failed: readonly { readonly subscription: string; readonly detail: string }[];
}

/** The I/O of the check: one authenticated request at a time, the clock, and the secret Business Central echoes. */
export interface RenewalPorts {
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  readonly now: () => number;
  /** The current signing secret, sent as `clientState` and echoed in every Business Central notification. */
  readonly clientState: () => Promise<string>;
}

const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;
const empty = { kept: 0, renewed: 0, created: 0, enabled: 0, failed: [] };

/**
 * Keeps a source's webhook subscriptions alive through its vendor's API. A subscription that cannot be kept
 * (the API refuses, the handshake fails, the endpoint is gone) is reported, never thrown past the others.
 */
export async function renewSubscriptions(
  config: SubscriptionsConfig,
  notificationUrl: string,
  ports: RenewalPorts,
): Promise<RenewalOutcome> {
  return config.kind === 'business-central'
    ? renewBusinessCentral(config, notificationUrl, ports)
    : enableStripeEndpoint(config, notificationUrl, ports);
}

async function renewBusinessCentral(
  config: Extract<SubscriptionsConfig, { kind: 'business-central' }>,
  notificationUrl: string,
  ports: RenewalPorts,
): Promise<RenewalOutcome> {
  const listUrl = `${config.baseUrl.replace(/\/+$/, '')}/subscriptions`;
  const listed = await attempt(() =>
    ports.send({ method: 'GET', url: listUrl, headers: { accept: 'application/json' } }),
  );
  if (!listed.ok)
    return { ...empty, failed: config.resources.map((subscription) => ({ subscription, detail: listed.detail })) };
  const parsed = parseSubscriptionList(listed.response.body);
  if (!parsed.ok)
    return { ...empty, failed: config.resources.map((subscription) => ({ subscription, detail: parsed.error })) };

  const actions = planSubscriptions(
    config.resources,
    notificationUrl,
    parsed.subscriptions,
    ports.now(),
    config.renewWithinHours * 3_600_000,
  );
  const clientState = await ports.clientState();
  const outcome = {
    kept: 0,
    renewed: 0,
    created: 0,
    enabled: 0,
    failed: [] as { subscription: string; detail: string }[],
  };
  for (const action of actions) {
    if (action.kind === 'keep') {
      outcome.kept += 1;
      continue;
    }
    const done = await attempt(() =>
      ports.send(subscriptionRequest(config.baseUrl, action, notificationUrl, clientState)),
    );
    if (!done.ok) outcome.failed.push({ subscription: action.resource, detail: `${action.kind}: ${done.detail}` });
    else if (action.kind === 'renew') outcome.renewed += 1;
    else outcome.created += 1;
  }
  return outcome;
}

async function enableStripeEndpoint(
  config: Extract<SubscriptionsConfig, { kind: 'stripe' }>,
  notificationUrl: string,
  ports: RenewalPorts,
): Promise<RenewalOutcome> {
  const listed = await attempt(() => ports.send(endpointListRequest(config.baseUrl)));
  if (!listed.ok) return { ...empty, failed: [{ subscription: notificationUrl, detail: listed.detail }] };
  const parsed = parseEndpointList(listed.response.body);
  if (!parsed.ok) return { ...empty, failed: [{ subscription: notificationUrl, detail: parsed.error }] };
  const action = planEndpoint(parsed.endpoints, notificationUrl);
  if (action.kind === 'keep') return { ...empty, kept: 1 };
  if (action.kind === 'missing') {
    return { ...empty, failed: [{ subscription: notificationUrl, detail: 'no webhook endpoint posts to this URL' }] };
  }
  const done = await attempt(() => ports.send(enableEndpointRequest(config.baseUrl, action.endpoint)));
  return done.ok
    ? { ...empty, enabled: 1 }
    : { ...empty, failed: [{ subscription: action.endpoint.id, detail: `enable: ${done.detail}` }] };
}

/** A request's answer when it is 2xx, or what went wrong, as text for the log. */
async function attempt(
  call: () => Promise<HttpResponse>,
): Promise<{ readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly detail: string }> {
  try {
    const response = await call();
    return ok(response)
      ? { ok: true, response }
      : { ok: false, detail: `HTTP ${response.status} ${response.body.slice(0, 200)}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
