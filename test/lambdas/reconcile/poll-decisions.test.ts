import { missedChanges, type ReconciledRecord } from '../../../lambdas/reconcile/missed-changes';
import { cursorAfterPage, planPoll } from '../../../lambdas/reconcile/poll-cursor';
import { reconciledMessage, reconciliationDeliveryId } from '../../../lambdas/reconcile/reconciled-message';
import { WINDOW } from './helpers/listed';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const TIMING = { settleSeconds: 300, firstLookbackHours: 24 };

describe('planPoll', () => {
  test('a first poll reads the lookback up to now less the settle time', () => {
    expect(planPoll(undefined, NOW, TIMING)).toEqual({
      window: { since: '2026-11-29T12:00:00.000Z', until: '2026-11-30T11:55:00.000Z' },
    });
  });

  test('a later poll starts where the last window ended', () => {
    expect(planPoll({ since: '2026-11-30T11:40:00.000Z' }, NOW, TIMING)).toEqual({
      window: { since: '2026-11-30T11:40:00.000Z', until: '2026-11-30T11:55:00.000Z' },
    });
  });

  test('an unfinished window is resumed as it was, at its next page, however late', () => {
    const cursor = { since: WINDOW.since, until: WINDOW.until, next: 'page-3' };

    expect(planPoll(cursor, NOW + 86_400_000, TIMING)).toEqual({ window: WINDOW, next: 'page-3' });
  });

  test('nothing is read when nothing has settled since the last window', () => {
    expect(planPoll({ since: '2026-11-30T11:58:00.000Z' }, NOW, TIMING)).toBeUndefined();
  });

  test('a stored start that is not a time reads from the first lookback rather than never again', () => {
    expect(planPoll({ since: 'yesterday' }, NOW, TIMING)).toEqual(planPoll(undefined, NOW, TIMING));
  });
});

describe('cursorAfterPage', () => {
  test('keeps the window open at the next page', () => {
    expect(cursorAfterPage(WINDOW, 'abc')).toEqual({ ...WINDOW, next: 'abc' });
  });

  test('after the last page, moves the start to the end of the window', () => {
    expect(cursorAfterPage(WINDOW, undefined)).toEqual({ since: WINDOW.until });
  });
});

const record = (id: string, entities?: ReconciledRecord['entities']): ReconciledRecord => ({
  record: { id, changedAt: '2026-11-30T10:00:00Z', eventType: 'orders/updated', body: '{}' },
  ...(entities ? { entities } : { unmapped: 'drift: total_price: expected decimal' }),
});
const order = (id: string, version: number) => ({
  type: 'interchange.order.v1' as const,
  key: `order#storefront:${id}`,
  version,
});

describe('missedChanges', () => {
  test('sends what the canonical state lacks or holds older, and nothing it knows at that version or newer', () => {
    const known = new Map([
      ['order#storefront:1', { entityVersion: 5, entitySequence: 3 }],
      ['order#storefront:2', { entityVersion: 5, entitySequence: 0 }],
      ['order#storefront:3', { entityVersion: 9, entitySequence: 0 }],
    ]);
    const page = [
      record('1', [order('1', 5)]),
      record('2', [order('2', 6)]),
      record('3', [order('3', 7)]),
      record('4', [order('4', 1)]),
    ];

    const decision = missedChanges(page, known);

    expect(decision.send.map((entry) => entry.record.id)).toEqual(['2', '4']);
    expect(decision.missedByType).toEqual(new Map([['interchange.order.v1', 2]]));
  });

  test('sends a record that does not map, for the transform to quarantine, without counting it as missed', () => {
    const decision = missedChanges([record('9')], new Map());

    expect(decision.send).toHaveLength(1);
    expect(decision.missedByType.size).toBe(0);
  });

  test('a record that maps to no entity (an archived contact) is not sent', () => {
    expect(missedChanges([record('5', [])], new Map()).send).toEqual([]);
  });
});

describe('reconciledMessage', () => {
  const listed = { id: '1', changedAt: '2026-11-30T10:00:00Z', eventType: 'orders/updated', body: '{"id":1}' };

  test('carries the record as ingest would, marked as reconciliation', () => {
    const message = reconciledMessage('storefront', 'orders', listed, { correlationId: 'c-1', nowMs: NOW });

    expect(message).toEqual({
      body: '{"id":1}',
      attributes: {
        correlationId: 'c-1',
        source: 'storefront',
        eventType: 'orders/updated',
        receivedAt: '2026-11-30T12:00:00.000Z',
        deliveryId: expect.stringMatching(/^reconciliation:orders:/),
      },
    });
  });

  test('gives one change one delivery id, and two changes of a record two', () => {
    const again = reconciliationDeliveryId('orders', listed);
    const later = reconciliationDeliveryId('orders', { ...listed, changedAt: '2026-11-30T10:00:01Z' });

    expect(reconciliationDeliveryId('orders', listed)).toBe(again);
    expect(later).not.toBe(again);
  });
});
