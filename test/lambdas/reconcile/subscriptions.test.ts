import * as fc from 'fast-check';
import {
  parseSubscriptionList,
  planSubscriptions,
  subscriptionRequest,
  type BusinessCentralSubscription,
} from '../../../lambdas/reconcile/subscriptions/business-central';
import { renewSubscriptions } from '../../../lambdas/reconcile/subscriptions/renew-subscriptions';
import { parseEndpointList, planEndpoint } from '../../../lambdas/reconcile/subscriptions/stripe';
import type { HttpRequest, HttpResponse } from '../../../lambdas/shared/http-client';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const URL_OURS = 'https://api.example.com/webhooks/erp';
const ITEMS = '/api/v2.0/companies(c1)/items';
const CUSTOMERS = '/api/v2.0/companies(c1)/customers';
const HOUR = 3_600_000;

const subscription = (resource: string, expiresInMs: number, overrides: Partial<BusinessCentralSubscription> = {}) => ({
  subscriptionId: `sub-${resource.length}-${expiresInMs}`,
  notificationUrl: URL_OURS,
  resource,
  expirationDateTime: new Date(NOW + expiresInMs).toISOString(),
  '@odata.etag': `W/"${expiresInMs}"`,
  ...overrides,
});

describe('planSubscriptions', () => {
  test('keeps a subscription with time to live, renews one about to expire, and makes a missing one', () => {
    const actions = planSubscriptions(
      [ITEMS, CUSTOMERS, '/api/v2.0/companies(c1)/vendors'],
      URL_OURS,
      [subscription(ITEMS, 60 * HOUR), subscription(CUSTOMERS, 2 * HOUR)],
      NOW,
      24 * HOUR,
    );

    expect(actions.map((action) => action.kind)).toEqual(['keep', 'renew', 'create']);
  });

  test('makes a new subscription where the only one has expired, or posts to another URL', () => {
    const actions = planSubscriptions(
      [ITEMS, CUSTOMERS],
      URL_OURS,
      [subscription(ITEMS, -HOUR), subscription(CUSTOMERS, 60 * HOUR, { notificationUrl: 'https://elsewhere' })],
      NOW,
      24 * HOUR,
    );

    expect(actions.map((action) => action.kind)).toEqual(['create', 'create']);
  });

  test('renews with the ETag in If-Match, and sends the client state with every change', () => {
    const due = subscription(ITEMS, HOUR);
    const [action] = planSubscriptions([ITEMS], URL_OURS, [due], NOW, 24 * HOUR);
    if (action?.kind !== 'renew') throw new Error(`expected a renewal, got ${action?.kind}`);

    const request = subscriptionRequest('https://bc/api/v2.0/', action, URL_OURS, 's3cret');

    expect(request).toMatchObject({
      method: 'PATCH',
      url: `https://bc/api/v2.0/subscriptions('${due.subscriptionId}')`,
      headers: { 'if-match': due['@odata.etag'] },
    });
    expect(JSON.parse(request.body!)).toEqual({ notificationUrl: URL_OURS, resource: ITEMS, clientState: 's3cret' });
  });
});

describe('subscription list parsing', () => {
  test('keeps the well-formed subscriptions of a list and counts the others', () => {
    const body = JSON.stringify({ value: [subscription(ITEMS, HOUR), { subscriptionId: 'x' }] });

    expect(parseSubscriptionList(body)).toMatchObject({ ok: true, malformed: 1, subscriptions: [{ resource: ITEMS }] });
  });

  test('never throws, whatever the answer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (body) => {
        expect(typeof parseSubscriptionList(body).ok).toBe('boolean');
        expect(typeof parseEndpointList(body).ok).toBe('boolean');
      }),
    );
  });
});

describe('planEndpoint (Stripe)', () => {
  const endpoint = (status: string, url = URL_OURS) => ({ id: `we_${status}`, url, status });

  test.each([
    [[endpoint('enabled')], 'keep'],
    [[endpoint('disabled')], 'enable'],
    [[endpoint('enabled', 'https://elsewhere')], 'missing'],
    [[], 'missing'],
  ])('for %j decides %s', (endpoints, kind) => {
    expect(planEndpoint(endpoints, URL_OURS).kind).toBe(kind);
  });
});

describe('renewSubscriptions', () => {
  /** A vendor API answering each request with the next scripted answer, recording what was asked. */
  function scripted(...answers: HttpResponse[]) {
    const requests: HttpRequest[] = [];
    return {
      requests,
      send: async (request: HttpRequest) => {
        requests.push(request);
        return answers.shift() ?? { status: 500, headers: {}, body: 'unscripted' };
      },
    };
  }
  const bc = {
    kind: 'business-central' as const,
    baseUrl: 'https://bc/api/v2.0',
    auth: { kind: 'none' as const },
    resources: [ITEMS, CUSTOMERS],
    renewWithinHours: 24,
    everyMinutes: 60,
    requestTimeoutMs: 1000,
  };

  test('renews and creates through the API, and reports a refused change without stopping at it', async () => {
    const api = scripted(
      { status: 200, headers: {}, body: JSON.stringify({ value: [subscription(ITEMS, HOUR)] }) },
      { status: 400, headers: {}, body: '{"error":{"code":"Internal_SubscriptionHandshakeFailed"}}' },
      { status: 201, headers: {}, body: '{}' },
    );

    const outcome = await renewSubscriptions(bc, URL_OURS, {
      send: api.send,
      now: () => NOW,
      clientState: async () => 's',
    });

    expect(api.requests.map((request) => request.method)).toEqual(['GET', 'PATCH', 'POST']);
    expect(outcome).toMatchObject({ renewed: 0, created: 1, failed: [{ subscription: ITEMS }] });
    expect(outcome.failed[0]!.detail).toContain('HandshakeFailed');
  });

  test('reports every subscription as not kept alive when the list cannot be read', async () => {
    const api = scripted({ status: 503, headers: {}, body: '' });

    const outcome = await renewSubscriptions(bc, URL_OURS, {
      send: api.send,
      now: () => NOW,
      clientState: async () => 's',
    });

    expect(outcome.failed.map((failure) => failure.subscription)).toEqual([ITEMS, CUSTOMERS]);
  });

  test('enables a Stripe endpoint that Stripe disabled', async () => {
    const api = scripted(
      { status: 200, headers: {}, body: JSON.stringify({ data: [{ id: 'we_1', url: URL_OURS, status: 'disabled' }] }) },
      { status: 200, headers: {}, body: '{}' },
    );
    const stripe = {
      kind: 'stripe' as const,
      baseUrl: 'https://api.stripe.com',
      auth: { kind: 'none' as const },
      everyMinutes: 60,
      requestTimeoutMs: 1000,
    };

    const outcome = await renewSubscriptions(stripe, URL_OURS, {
      send: api.send,
      now: () => NOW,
      clientState: async () => 's',
    });

    expect(outcome.enabled).toBe(1);
    expect(api.requests[1]).toMatchObject({
      method: 'POST',
      url: 'https://api.stripe.com/v1/webhook_endpoints/we_1',
      body: 'disabled=false',
    });
  });
});
