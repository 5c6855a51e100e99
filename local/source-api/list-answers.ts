import type { ListApi } from '../../config/schema';

/** A record a fake source API lists: its id, when it last changed, and its JSON text as the vendor returns it. */
export interface ListedEntry {
  readonly id: string;
  readonly changedAtMs: number;
  readonly json: string;
}

/** A list request as the fake reads it. */
export interface ListQuery {
  readonly method: string;
  /** The full request URL, e.g. `http://127.0.0.1:5000/orders.json?updated_at_min=…`. */
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A vendor-shaped answer: status, headers and the JSON text. */
export interface ListAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Answers list requests the way each vendor's list API does (see test/fixtures/README.md, "Reconciliation"), over
 * the entries of one endpoint sorted by change time: filters by the vendor's time parameters and pages with the
 * vendor's own cursor (Shopify's Link page_info, Stripe's starting_after, Business Central's @odata.nextLink,
 * HubSpot's paging.next.after).
 */
export function listAnswer(api: ListApi, entries: readonly ListedEntry[], query: ListQuery): ListAnswer {
  switch (api) {
    case 'shopify':
      return shopifyAnswer(entries, query);
    case 'stripe-events':
      return stripeAnswer(entries, query);
    case 'business-central':
      return businessCentralAnswer(entries, query);
    case 'hubspot-search':
      return hubSpotAnswer(entries, query);
  }
}

const json = (status: number, body: string, headers: Record<string, string> = {}): ListAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const badRequest = (message: string) => json(400, JSON.stringify({ errors: message }));

function inWindow(entries: readonly ListedEntry[], sinceMs: number, untilMs: number, sinceExclusive = false) {
  return entries.filter(
    (entry) =>
      (sinceExclusive ? entry.changedAtMs > sinceMs : entry.changedAtMs >= sinceMs) && entry.changedAtMs <= untilMs,
  );
}

/** Shopify: `updated_at_min`/`updated_at_max`, `limit`; later pages by an opaque `page_info` in the Link header. */
function shopifyAnswer(entries: readonly ListedEntry[], query: ListQuery): ListAnswer {
  const params = query.url.searchParams;
  const limit = Math.min(Number(params.get('limit') ?? 50), 250);
  let state: { since: number; until: number; offset: number };
  const pageInfo = params.get('page_info');
  if (pageInfo !== null) {
    try {
      state = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as typeof state;
    } catch {
      return badRequest('page_info is invalid');
    }
  } else {
    const since = Date.parse(params.get('updated_at_min') ?? '1970-01-01T00:00:00Z');
    const until = Date.parse(params.get('updated_at_max') ?? '9999-12-31T00:00:00Z');
    if (!Number.isFinite(since) || !Number.isFinite(until)) return badRequest('updated_at_min/max must be dates');
    state = { since, until, offset: 0 };
  }
  const matching = inWindow(entries, state.since, state.until);
  const page = matching.slice(state.offset, state.offset + limit);
  const collection = (query.url.pathname.split('/').pop() ?? '').replace(/\.json$/, '');
  const headers: Record<string, string> = {};
  if (state.offset + limit < matching.length) {
    const next = Buffer.from(JSON.stringify({ ...state, offset: state.offset + limit })).toString('base64url');
    const url = new URL(query.url.pathname, query.url);
    url.search = new URLSearchParams({ limit: String(limit), page_info: next }).toString();
    headers.link = `<${url.toString()}>; rel="next"`;
  }
  return json(200, `{${JSON.stringify(collection)}:[${page.map((entry) => entry.json).join(',')}]}`, headers);
}

/** Stripe: `created[gte]`/`created[lte]` in seconds, newest first, `starting_after`, `has_more`. */
function stripeAnswer(entries: readonly ListedEntry[], query: ListQuery): ListAnswer {
  const params = query.url.searchParams;
  const limit = Math.min(Number(params.get('limit') ?? 10), 100);
  const since = Number(params.get('created[gte]') ?? 0) * 1000;
  const until = Number(params.get('created[lte]') ?? 253402300799) * 1000 + 999;
  const types = params.getAll('types[]');
  const matching = inWindow(entries, since, until)
    .filter((entry) => types.length === 0 || types.includes((JSON.parse(entry.json) as { type: string }).type))
    .reverse();
  const after = params.get('starting_after');
  const start = after === null ? 0 : matching.findIndex((entry) => entry.id === after) + 1;
  if (after !== null && start === 0)
    return json(400, JSON.stringify({ error: { type: 'invalid_request_error', message: 'No such event' } }));
  const page = matching.slice(start, start + limit);
  const body = `{"object":"list","url":"/v1/events","has_more":${start + limit < matching.length},"data":[${page.map((entry) => entry.json).join(',')}]}`;
  return json(200, body);
}

/** Business Central: `$filter=lastModifiedDateTime gt … and lastModifiedDateTime le …`, `Prefer: odata.maxpagesize`. */
function businessCentralAnswer(entries: readonly ListedEntry[], query: ListQuery): ListAnswer {
  const params = query.url.searchParams;
  const filter = /^lastModifiedDateTime gt (\S+) and lastModifiedDateTime le (\S+)$/.exec(params.get('$filter') ?? '');
  if (filter === null) return badRequest('expected $filter=lastModifiedDateTime gt … and lastModifiedDateTime le …');
  const since = Date.parse(filter[1] ?? '');
  const until = Date.parse(filter[2] ?? '');
  const prefer = /odata\.maxpagesize=(\d+)/.exec(String(query.headers.prefer ?? ''));
  const pageSize = Math.min(Number(prefer?.[1] ?? 20_000), 20_000);
  const skip = Number(params.get('$skiptoken') ?? 0);
  const matching = inWindow(entries, since, until, true);
  const page = matching.slice(skip, skip + pageSize);
  let nextLink = '';
  if (skip + pageSize < matching.length) {
    const url = new URL(query.url.toString());
    url.searchParams.set('$skiptoken', String(skip + pageSize));
    nextLink = `,"@odata.nextLink":${JSON.stringify(url.toString())}`;
  }
  return json(200, `{"@odata.context":"local","value":[${page.map((entry) => entry.json).join(',')}]${nextLink}}`);
}

/** HubSpot search: a POST body with lastmodifieddate GTE/LTE filters, `limit` and `after`. */
function hubSpotAnswer(entries: readonly ListedEntry[], query: ListQuery): ListAnswer {
  if (query.method !== 'POST') return json(405, JSON.stringify({ message: 'search is a POST' }));
  let search: {
    filterGroups?: { filters?: { propertyName: string; operator: string; value: string }[] }[];
    limit?: number;
    after?: string;
  };
  try {
    search = JSON.parse(query.body) as typeof search;
  } catch {
    return badRequest('body is not JSON');
  }
  const filters = search.filterGroups?.[0]?.filters ?? [];
  const bound = (operator: string) =>
    filters.find((filter) => filter.propertyName === 'lastmodifieddate' && filter.operator === operator);
  const since = Number(bound('GTE')?.value ?? 0);
  const until = Number(bound('LTE')?.value ?? Number.MAX_SAFE_INTEGER);
  const limit = Math.min(search.limit ?? 10, 200);
  const offset = Number(search.after ?? 0);
  const matching = inWindow(entries, since, until);
  const page = matching.slice(offset, offset + limit);
  const paging = offset + limit < matching.length ? `,"paging":{"next":{"after":"${offset + limit}"}}` : '';
  return json(200, `{"total":${matching.length},"results":[${page.map((entry) => entry.json).join(',')}]${paging}}`);
}
