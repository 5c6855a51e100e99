import type { ListStream, ListWindow } from '../../../../lambdas/reconcile/list-apis';

/** A stream as the poller builds it from the configuration; override what a test is about. */
export function listStream(overrides: Partial<ListStream> = {}): ListStream {
  return {
    name: 'orders',
    baseUrl: 'http://127.0.0.1:9/admin/api/2026-07',
    path: '/orders.json',
    eventType: 'orders/updated',
    query: {},
    eventTypes: [],
    pageSize: 10,
    ...overrides,
  };
}

/** A window of one hour ending at a fixed instant. */
export const WINDOW: ListWindow = { since: '2026-11-30T10:00:00.000Z', until: '2026-11-30T11:00:00.000Z' };

/** Epoch ms inside WINDOW, `n` seconds after its start. */
export const inWindow = (n: number) => Date.parse(WINDOW.since) + 1000 + n * 1000;
