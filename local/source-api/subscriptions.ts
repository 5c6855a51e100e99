import { randomUUID } from 'node:crypto';

/** A Business Central webhook subscription as the fake keeps it. */
export interface FakeSubscription {
  readonly subscriptionId: string;
  readonly notificationUrl: string;
  readonly resource: string;
  readonly clientState: string;
  readonly expirationDateTime: string;
  readonly '@odata.etag': string;
}

/** A subscription lasts three days from its creation or last renewal, as Business Central's do. */
export const SUBSCRIPTION_LIFETIME_MS = 3 * 24 * 3600 * 1000;

/**
 * Business Central's `subscriptions` entity: list, create and renew (PATCH with If-Match), each create and renewal
 * confirmed by calling the notification URL with `?validationToken=` and expecting the token echoed as text with
 * 200, or refused with 400 as Business Central refuses it.
 */
export class FakeSubscriptions {
  private readonly subscriptions = new Map<string, FakeSubscription>();
  private handshakes = 0;
  private refuseStatus: number | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  list(): FakeSubscription[] {
    return [...this.subscriptions.values()];
  }

  /** Handshakes answered correctly so far. */
  handshakesAnswered(): number {
    return this.handshakes;
  }

  /** Adds a subscription as if made earlier, e.g. one about to expire. */
  add(subscription: Omit<FakeSubscription, 'subscriptionId' | '@odata.etag'>): FakeSubscription {
    const made = { ...subscription, subscriptionId: randomUUID().replace(/-/g, ''), '@odata.etag': etag() };
    this.subscriptions.set(made.subscriptionId, made);
    return made;
  }

  /** Moves a subscription's expiry, as time passing would: one about to lapse, or one already lapsed. */
  expireAt(subscriptionId: string, expirationMs: number): void {
    const subscription = this.subscriptions.get(subscriptionId);
    if (subscription === undefined) throw new Error(`no subscription ${subscriptionId}`);
    this.subscriptions.set(subscriptionId, {
      ...subscription,
      expirationDateTime: new Date(expirationMs).toISOString(),
    });
  }

  /** Answers every later create and renewal with this status (Business Central refusing), or again normally. */
  refuseChanges(status: number | undefined): void {
    this.refuseStatus = status;
  }

  /** Serves `/subscriptions` requests; undefined for any other path. */
  async answer(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string) {
    const match = /^\/subscriptions(?:\('([^']+)'\))?$/.exec(path);
    if (match === null) return undefined;
    const id = match[1];
    if (method === 'GET' && id === undefined) return { status: 200, body: JSON.stringify({ value: this.list() }) };
    if (method !== 'POST' && method !== 'PATCH') return { status: 405, body: '{"error":{"code":"MethodNotAllowed"}}' };
    if (this.refuseStatus !== undefined) return { status: this.refuseStatus, body: '{"error":{"code":"Refused"}}' };
    let request: { notificationUrl?: string; resource?: string; clientState?: string };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return { status: 400, body: '{"error":{"code":"BadRequest_InvalidRequestBody"}}' };
    }
    const existing = id === undefined ? undefined : this.subscriptions.get(id);
    if (method === 'PATCH') {
      if (existing === undefined) return { status: 404, body: '{"error":{"code":"BadRequest_NotFound"}}' };
      if (headers['if-match'] !== existing['@odata.etag']) {
        return { status: 412, body: '{"error":{"code":"Request_EntityChanged"}}' };
      }
    }
    const notificationUrl = request.notificationUrl ?? existing?.notificationUrl;
    const resource = request.resource ?? existing?.resource;
    if (!notificationUrl || !resource) return { status: 400, body: '{"error":{"code":"BadRequest_MissingField"}}' };
    if (!(await this.handshake(notificationUrl))) {
      return { status: 400, body: '{"error":{"code":"Internal_SubscriptionHandshakeFailed"}}' };
    }
    const subscription: FakeSubscription = {
      subscriptionId: existing?.subscriptionId ?? randomUUID().replace(/-/g, ''),
      notificationUrl,
      resource,
      clientState: request.clientState ?? existing?.clientState ?? '',
      expirationDateTime: new Date(this.now() + SUBSCRIPTION_LIFETIME_MS).toISOString(),
      '@odata.etag': etag(),
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    return { status: method === 'POST' ? 201 : 200, body: JSON.stringify(subscription) };
  }

  /** Calls the notification URL with a fresh validation token, as Business Central does, and checks the echo. */
  private async handshake(notificationUrl: string): Promise<boolean> {
    const token = randomUUID();
    const url = new URL(notificationUrl);
    url.searchParams.set('validationToken', token);
    try {
      const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5_000) });
      const echoed = await response.text();
      if (response.status !== 200 || echoed !== token) return false;
      this.handshakes += 1;
      return true;
    } catch {
      return false;
    }
  }
}

function etag(): string {
  return `W/"JzQ0O${randomUUID().replace(/-/g, '').slice(0, 16)}Oyc="`;
}
