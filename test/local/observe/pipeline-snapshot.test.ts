import type { ReceivedRequest } from '../../../local/downstream';
import { acceptedEvents } from '../../../local/observe/pipeline-snapshot';
import { renderSnapshot } from '../../../local/observe/render-snapshot';

const request = (headers: Record<string, string>, json?: unknown): ReceivedRequest => ({
  method: 'POST',
  path: '/x',
  headers,
  body: JSON.stringify(json ?? {}),
  json,
  receivedAt: 1,
  status: 200,
});

describe('acceptedEvents', () => {
  test('counts each event once, however many requests carried it', () => {
    const requests = [
      request({ 'idempotency-key': 'e1' }),
      request({ 'idempotency-key': 'e1' }),
      request({ 'idempotency-key': 'e2' }),
      request({ 'idempotency-key': 'batch' }, { batch: [{ messageId: 'e3' }, { messageId: 'e4' }] }),
      request({ 'idempotency-key': 'batch-2' }, { batch: [{ messageId: 'e4' }] }),
    ];
    expect(acceptedEvents(requests)).toBe(4);
  });
});

describe('renderSnapshot', () => {
  test('shows not applicable, stale updates and deferrals by reason per destination', () => {
    const text = renderSnapshot(
      {
        sources: [{ source: 'erp', received: 3, accepted: 2, rejected: 1, queued: 0, quarantined: 0, completed: 1 }],
        destinations: [
          {
            destination: 'crm',
            delivered: 5,
            duplicatesSkipped: 1,
            notApplicable: 2,
            staleDropped: 0,
            deferred: { 'rate-limited': 1, throttled: 4 },
            queued: 0,
            deadLettered: 0,
            downstreamEvents: 5,
          },
        ],
      },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(text).toContain('not applicable');
    expect(text).toContain('partial completed');
    expect(text).toMatch(/crm\s+5\s+1\s+2\s+0\s+0\s+0\s+5\s+throttled 4, rate-limited 1/);
  });
});
