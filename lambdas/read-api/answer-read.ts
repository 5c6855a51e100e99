import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalStateKey, typeOfEntity } from '../shared/canonical-state-record';
import {
  listCanonicalStates,
  readCanonicalState,
  readInventoryLevelsBySku,
  type StateReadPorts,
} from './read-canonical-state';
import {
  canonicalStateView,
  combinedEtagOf,
  encodeCursor,
  etagOf,
  matchesIfNoneMatch,
  parseReadRequest,
} from './read-request';

/** Callers may keep an answer but must ask again (with its ETag) before using it. */
const CACHE_CONTROL = 'private, no-cache';

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': CACHE_CONTROL, ...headers },
  body: JSON.stringify(body),
});

/** Answers one read: 400 for a malformed request, 404 for an unknown id, 304 when the caller's copy is current. */
export async function answerRead(
  event: Pick<APIGatewayProxyEventV2, 'rawPath' | 'queryStringParameters' | 'headers'>,
  ports: StateReadPorts,
  limits: { readonly default: number; readonly max: number },
): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = parseReadRequest(event.rawPath, event.queryStringParameters, limits);
  if (!parsed.ok) return json(400, { message: parsed.message });
  const { request } = parsed;
  if (request.kind === 'get' && request.entity === 'inventory-level' && !request.id.includes('/')) {
    return answerSku(event, ports, request.id);
  }
  if (request.kind === 'get') {
    const stored = await readCanonicalState(ports, canonicalStateKey(typeOfEntity(request.entity), request.id));
    if (!stored) return json(404, { message: `no ${request.entity} ${request.id}` });
    const etag = etagOf(stored.item);
    if (matchesIfNoneMatch(event.headers['if-none-match'], etag)) {
      return { statusCode: 304, headers: { etag, 'cache-control': CACHE_CONTROL } };
    }
    return json(200, canonicalStateView(stored.item, stored.data), { etag });
  }
  const page = await listCanonicalStates(ports, request);
  return json(200, {
    items: page.states.map((state) => ({ ...canonicalStateView(state.item, state.data), etag: etagOf(state.item) })),
    ...(page.next ? { cursor: encodeCursor(page.next) } : {}),
  });
}

/**
 * An inventory level asked for by SKU alone (`/v1/inventory-levels/<sku>`), as a storefront asks for stock: the
 * level itself where one location stocks the SKU, else every location's level under one ETag.
 */
async function answerSku(
  event: Pick<APIGatewayProxyEventV2, 'headers'>,
  ports: StateReadPorts,
  sku: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const states = await readInventoryLevelsBySku(ports, sku);
  if (states.length === 0) return json(404, { message: `no inventory-level ${sku}` });
  const etags = states.map((state) => etagOf(state.item));
  const etag = states.length === 1 ? etags[0]! : combinedEtagOf(etags);
  if (matchesIfNoneMatch(event.headers['if-none-match'], etag)) {
    return { statusCode: 304, headers: { etag, 'cache-control': CACHE_CONTROL } };
  }
  if (states.length === 1) return json(200, canonicalStateView(states[0]!.item, states[0]!.data), { etag });
  return json(
    200,
    {
      sku,
      items: states.map((state, index) => ({ ...canonicalStateView(state.item, state.data), etag: etags[index] })),
    },
    { etag },
  );
}
