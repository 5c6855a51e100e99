import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LocalPipeline } from '../../local/pipeline';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { eventually, startE2ePipeline } from './helpers/harness';

/**
 * The read API end to end in local mode: real signed Shopify inventory webhooks, in shuffled order, through ingest,
 * transform (the SKU completed from the shop's API), the state writer and the canonical state table, then read back
 * over HTTP through the authorizer and the reader, as a storefront asking stock by SKU would.
 */
const LEVEL_FIXTURE = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/storefront/inventory_levels-update.json'), 'utf8'),
) as Record<string, unknown>;
const ITEM_FIXTURE = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/storefront/inventory-item.json'), 'utf8'),
) as Record<string, unknown>;
const ITEM_ID = 271878346596884;
const SKU = 'READ-API-SKU-1';
const LOCATION = 24826418;
const ID = `storefront:${LOCATION}/${SKU}`;

let pipeline: LocalPipeline;
beforeAll(async () => {
  pipeline = await startE2ePipeline();
  pipeline.sourceApis
    .get('storefront')!
    .setRecord(
      `/inventory_items/${ITEM_ID}.json`,
      JSON.stringify({ inventory_item: { ...ITEM_FIXTURE, id: ITEM_ID, sku: SKU } }),
    );
});
afterAll(() => pipeline.close());

const read = (pathAndQuery: string, headers: Record<string, string> = {}) =>
  fetch(`${pipeline.readApi.url}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${pipeline.readApi.apiKey}`, ...headers },
  });

/** Shopify's inventory_levels/update for the test item, `minute` minutes into the day, with `available` units. */
function levelUpdate(minute: number, available: number) {
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront')!;
  const updatedAt = new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
  const body = JSON.stringify({
    ...LEVEL_FIXTURE,
    inventory_item_id: ITEM_ID,
    location_id: LOCATION,
    available,
    updated_at: updatedAt,
  });
  return vendorWebhook(
    storefront,
    pipeline.webhookUrl('storefront'),
    pipeline.topology.signingSecrets.get('storefront')!,
    body,
    {
      eventType: 'inventory_levels/update',
      deliveryId: `read-api-${minute}`,
      eventId: `read-api-event-${minute}`,
    },
  );
}

describe('GET /v1/inventory-levels/{sku} and /{location}/{sku}', () => {
  test('answers the newest level after shuffled updates, with an ETag, and 304 for a copy that is current', async () => {
    // Minute m carries m units, so the newest (minute 9) is 9 units whatever order they arrive in.
    const shuffled = [4, 9, 1, 7, 2, 8, 3, 6, 5];
    for (const minute of shuffled) expect((await postWebhook(levelUpdate(minute, minute))).status).toBe(202);

    let answer: { status: number; body: { version?: number; data?: { available?: number } } } = {
      status: 0,
      body: {},
    };
    await eventually(
      'the state writer kept every update and the newest is read back',
      async () => {
        const settled =
          pipeline.metrics.sum('CanonicalStateWritten') +
          pipeline.metrics.sum('CanonicalStateStale') +
          pipeline.metrics.sum('CanonicalStateDuplicate');
        if (settled < shuffled.length) return false;
        const response = await read(`/inventory-levels/${encodeURIComponent(ID)}`);
        answer = { status: response.status, body: (await response.json()) as typeof answer.body };
        return true;
      },
      90_000,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      entity: 'inventory-level',
      id: ID,
      type: 'interchange.inventory-level.v1',
      version: Date.UTC(2026, 11, 1, 9, 9),
      source: 'interchange/storefront',
      data: { sku: SKU, location: `storefront:${LOCATION}`, available: 9 },
    });
    // Canonical JSON only: nothing of the vendor's payload beyond what the contract maps.
    expect(JSON.stringify(answer.body)).not.toContain('admin_graphql_api_id');

    // The id as two path segments reads the same state.
    const plain = await read(`/inventory-levels/storefront:${LOCATION}/${SKU}`);
    expect(plain.status).toBe(200);
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+\.\d+\.[A-Za-z0-9_-]+"$/);

    const again = await read(`/inventory-levels/storefront:${LOCATION}/${SKU}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const stale = await read(`/inventory-levels/storefront:${LOCATION}/${SKU}`, { 'if-none-match': '"1.0.old"' });
    expect(stale.status).toBe(200);

    // By SKU alone, as a storefront asks for stock: the one location's level, under the same ETag.
    const bySku = await read(`/inventory-levels/${encodeURIComponent(SKU)}`);
    expect(bySku.status).toBe(200);
    expect(bySku.headers.get('etag')).toBe(etag);
    expect(await bySku.json()).toMatchObject({ id: ID, data: { sku: SKU, available: 9 } });
    expect((await read(`/inventory-levels/${encodeURIComponent(SKU)}`, { 'if-none-match': etag })).status).toBe(304);

    const list = await read('/inventory-levels?updatedSince=2026-01-01T00:00:00Z&limit=10');
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: { id: string; etag: string }[] };
    expect(listed.items.filter((item) => item.id === ID)).toEqual([expect.objectContaining({ etag })]);
  });

  test('a request without a key is 401, with a wrong key 403', async () => {
    const url = `${pipeline.readApi.url}/inventory-levels/storefront:${LOCATION}/${SKU}`;
    expect((await fetch(url)).status).toBe(401);
    const forged = `local.${'A'.repeat(43)}`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: pipeline.readApi.apiKey } })).status).toBe(403);
  });

  test('an unknown SKU is 404; a malformed entity, id or query is 400', async () => {
    const unknown = await read(`/inventory-levels/storefront:${LOCATION}/NO-SUCH-SKU`);
    expect(unknown.status).toBe(404);
    expect((await read('/inventory-levels/NO-SUCH-SKU')).status).toBe(404);
    expect(await unknown.json()).toEqual({ message: expect.stringContaining('NO-SUCH-SKU') });
    for (const malformed of [
      '/stock-levels/SKU-1',
      '/inventory-levels/%E0%A4%A',
      '/inventory-levels/a%00b',
      `/inventory-levels/${'x'.repeat(600)}`,
      '/inventory-levels?limit=0',
      '/inventory-levels?limit=many',
      '/inventory-levels?updatedSince=yesterday',
      '/inventory-levels?cursor=not-a-cursor',
      '/inventory-levels?color=blue',
      `/inventory-levels/storefront:${LOCATION}/${SKU}?fields=all`,
    ]) {
      const response = await read(malformed);
      expect({ malformed, status: response.status }).toEqual({ malformed, status: 400 });
    }
  });
});
