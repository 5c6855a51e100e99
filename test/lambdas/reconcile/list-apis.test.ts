import * as fc from 'fast-check';
import type { ListApi } from '../../../config/schema';
import { LIST_API_PROTOCOLS, type ListedRecord } from '../../../lambdas/reconcile/list-apis';
import { nextPageInfo } from '../../../lambdas/reconcile/list-apis/shopify';
import { listAnswer, type ListedEntry } from '../../../local/source-api/list-answers';
import { inWindow, listStream, WINDOW } from './helpers/listed';

/** What each vendor lists, as JSON text with the fields its list API pages by. */
const ENTRY_OF: Record<ListApi, (n: number, changedAtMs: number) => ListedEntry> = {
  shopify: (n, changedAtMs) => ({
    id: String(820982911946154508n + BigInt(n)),
    changedAtMs,
    json: `{"id":${820982911946154508n + BigInt(n)},"updated_at":"${new Date(changedAtMs).toISOString()}"}`,
  }),
  'stripe-events': (n, changedAtMs) => ({
    id: `evt_${n}`,
    changedAtMs: Math.floor(changedAtMs / 1000) * 1000,
    json: JSON.stringify({ id: `evt_${n}`, type: 'payment_intent.succeeded', created: Math.floor(changedAtMs / 1000) }),
  }),
  'business-central': (n, changedAtMs) => ({
    id: `26814998-936a-401c-81c1-${String(n).padStart(12, '0')}`,
    changedAtMs,
    json: JSON.stringify({
      id: `26814998-936a-401c-81c1-${String(n).padStart(12, '0')}`,
      lastModifiedDateTime: new Date(changedAtMs).toISOString(),
    }),
  }),
  'hubspot-search': (n, changedAtMs) => ({
    id: String(n + 1),
    changedAtMs,
    json: JSON.stringify({ id: String(n + 1), properties: {}, updatedAt: new Date(changedAtMs).toISOString() }),
  }),
};

const STREAM_OF: Record<ListApi, Parameters<typeof listStream>[0]> = {
  shopify: {},
  'stripe-events': { path: '/v1/events', eventTypes: ['payment_intent.succeeded'] },
  'business-central': { path: '/items', eventType: 'item.updated' },
  'hubspot-search': { path: '/crm/v3/objects/contacts/search', eventType: 'contact' },
};

/** Pages through a vendor-shaped list the way the poller does, collecting every record. */
function pageThrough(api: ListApi, entries: readonly ListedEntry[], pageSize: number): ListedRecord[] {
  const protocol = LIST_API_PROTOCOLS[api];
  const stream = listStream({ ...STREAM_OF[api], pageSize });
  const records: ListedRecord[] = [];
  let request = protocol.firstRequest(stream, WINDOW);
  for (let pages = 0; pages < 1000; pages += 1) {
    const answer = listAnswer(api, entries, {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body ?? '',
    });
    expect(answer.status).toBe(200);
    const page = protocol.parsePage(stream, answer);
    if (!page.ok) throw new Error(page.error);
    records.push(...page.records);
    if (page.next === undefined) return records;
    request = protocol.nextRequest(stream, WINDOW, page.next);
  }
  throw new Error('paging did not end');
}

describe.each(Object.keys(LIST_API_PROTOCOLS) as ListApi[])('the %s list API', (api) => {
  test('paging through a window yields each record in it exactly once, whatever the page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 1, max: 12 }), (count, pageSize) => {
        const entries = Array.from({ length: count }, (_, n) => ENTRY_OF[api](n, inWindow(n)));
        const outside = ENTRY_OF[api](999, Date.parse(WINDOW.until) + 5000);

        const records = pageThrough(api, [...entries, outside], pageSize);

        expect(records.map((record) => record.id).sort()).toEqual(entries.map((entry) => entry.id).sort());
      }),
      { numRuns: 40 },
    );
  });

  test('a page that is not the vendor shape is an answer, never a throw', () => {
    const protocol = LIST_API_PROTOCOLS[api];
    const stream = listStream(STREAM_OF[api]);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json()),
        fc.dictionary(fc.constantFrom('link'), fc.string()),
        (body, headers) => {
          const page = protocol.parsePage(stream, { headers, body });
          expect(typeof page.ok).toBe('boolean');
        },
      ),
    );
  });

  test('a page whose records lack their id or change time is refused, naming the record', () => {
    const protocol = LIST_API_PROTOCOLS[api];
    const stream = listStream(STREAM_OF[api]);
    const body = {
      shopify: '{"orders":[{"id":1}]}',
      'stripe-events': '{"data":[{"id":"evt_1","type":"x"}],"has_more":false}',
      'business-central': '{"value":[{"lastModifiedDateTime":"2026-11-30T10:00:00Z"}]}',
      'hubspot-search': '{"results":[{"id":"1"}]}',
    }[api];

    const page = protocol.parsePage(stream, { headers: {}, body });

    expect(page).toEqual({ ok: false, error: expect.stringMatching(/\.0 has no/) });
  });
});

describe('Shopify lists', () => {
  test("ask for changes in the window with the stream's own parameters, and later pages by page_info alone", () => {
    const stream = listStream({ query: { status: 'any' }, pageSize: 50 });

    const first = new URL(LIST_API_PROTOCOLS.shopify.firstRequest(stream, WINDOW).url);
    const next = new URL(LIST_API_PROTOCOLS.shopify.nextRequest(stream, WINDOW, 'abc').url);

    expect(Object.fromEntries(first.searchParams)).toEqual({
      status: 'any',
      updated_at_min: WINDOW.since,
      updated_at_max: WINDOW.until,
      limit: '50',
    });
    expect(Object.fromEntries(next.searchParams)).toEqual({ limit: '50', page_info: 'abc' });
  });

  test('keep order ids above 2^53 exact', () => {
    const page = LIST_API_PROTOCOLS.shopify.parsePage(listStream(), {
      headers: {},
      body: '{"orders":[{"id":820982911946154508,"updated_at":"2026-11-30T10:00:00-05:00"}]}',
    });

    expect(page.ok && page.records[0]).toMatchObject({ id: '820982911946154508', eventType: 'orders/updated' });
    expect(page.ok && page.records[0]!.body).toContain('820982911946154508');
  });

  test('name an inventory level by its item and location', () => {
    const stream = listStream({ path: '/inventory_levels.json', eventType: 'inventory_levels/update' });
    const page = LIST_API_PROTOCOLS.shopify.parsePage(stream, {
      headers: {},
      body: '{"inventory_levels":[{"inventory_item_id":808950810,"location_id":655441491,"available":1,"updated_at":"2026-11-30T10:00:00Z"}]}',
    });

    expect(page.ok && page.records[0]!.id).toBe('808950810@655441491');
  });

  test.each([
    [
      '<https://shop/orders.json?limit=1&page_info=p1>; rel="previous", <https://shop/orders.json?limit=1&page_info=n2>; rel="next"',
      'n2',
    ],
    ['<https://shop/orders.json?limit=1&page_info=p1>; rel="previous"', undefined],
    ['not a link', undefined],
    [undefined, undefined],
  ])('read the next page_info from the Link header %s', (link, expected) => {
    expect(nextPageInfo(link)).toBe(expected);
  });

  test('never throw on any Link header', () => {
    fc.assert(fc.property(fc.string(), (link) => void nextPageInfo(link)));
  });
});

describe('Business Central lists', () => {
  test('filter on lastModifiedDateTime and ask for the page size with Prefer', () => {
    const request = LIST_API_PROTOCOLS['business-central'].firstRequest(
      listStream({ path: '/items', pageSize: 20 }),
      WINDOW,
    );

    expect(new URL(request.url).searchParams.get('$filter')).toBe(
      `lastModifiedDateTime gt ${WINDOW.since} and lastModifiedDateTime le ${WINDOW.until}`,
    );
    expect(request.headers.prefer).toBe('odata.maxpagesize=20');
  });

  test('wrap each record in the envelope the ERP mappers read', () => {
    const page = LIST_API_PROTOCOLS['business-central'].parsePage(
      listStream({ path: '/items', eventType: 'item.updated' }),
      {
        headers: {},
        body: '{"value":[{"id":"26814998-936a-401c-81c1-0e848a64971d","lastModifiedDateTime":"2026-11-30T10:00:00Z"}]}',
      },
    );

    expect(page.ok && JSON.parse(page.records[0]!.body)).toEqual({
      type: 'item.updated',
      timestamp: '2026-11-30T10:00:00Z',
      data: { id: '26814998-936a-401c-81c1-0e848a64971d', lastModifiedDateTime: '2026-11-30T10:00:00Z' },
    });
  });

  test('refuse a next link that points away from the listed endpoint, which would receive the credentials', () => {
    const stream = listStream({
      baseUrl: 'https://api.businesscentral.dynamics.com/v2.0/t/p/api/v2.0',
      path: '/items',
    });

    const page = LIST_API_PROTOCOLS['business-central'].parsePage(stream, {
      headers: {},
      body: '{"value":[],"@odata.nextLink":"https://evil.example.com/v2.0/t/p/api/v2.0/items?$skiptoken=1"}',
    });

    expect(page).toEqual({ ok: false, error: expect.stringContaining('nextLink') });
  });
});

describe('Stripe events', () => {
  test('ask for the window in epoch seconds, of the types the mappers handle', () => {
    const request = LIST_API_PROTOCOLS['stripe-events'].nextRequest(
      listStream({ path: '/v1/events', eventTypes: ['charge.refunded', 'refund.created'] }),
      WINDOW,
      'evt_9',
    );

    const params = new URL(request.url).searchParams;
    expect(params.get('created[gte]')).toBe(String(Date.parse(WINDOW.since) / 1000));
    expect(params.get('created[lte]')).toBe(String(Date.parse(WINDOW.until) / 1000));
    expect(params.getAll('types[]')).toEqual(['charge.refunded', 'refund.created']);
    expect(params.get('starting_after')).toBe('evt_9');
  });
});
