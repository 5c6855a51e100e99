import { eventPage, eventsPage, escape } from '../../../local/console/pages';
import type { EventSummary } from '../../../local/observe/function-log';

const hostile = '<script>alert("x")</script>';
const event: EventSummary = {
  correlationId: 'c-1',
  source: 'storefront',
  vendorType: hostile,
  canonicalTypes: [],
  eventIds: [],
  firstSeen: '2026-12-01T00:00:00Z',
  lastSeen: '2026-12-01T00:00:00Z',
  status: 'delivered',
  destinations: {},
};

describe('console pages', () => {
  test('escape leaves nothing a browser would read as markup', () => {
    expect(escape(`${hostile}'&`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;');
  });

  test('vendor-controlled text (types, log fields, bodies, filters) is shown, never run', () => {
    const pages = [
      eventsPage([event], { q: hostile }, { sources: ['storefront'] }, 1),
      eventPage(
        event,
        [
          {
            seq: 0,
            functionName: 'ingest-storefront',
            time: 't',
            level: 'INFO',
            message: hostile,
            fields: { x: hostile },
          },
        ],
        [
          {
            destination: 'erp',
            request: { method: 'PUT', path: '/x', receivedAt: 0, headers: { h: hostile }, body: hostile },
          },
        ],
      ),
    ];
    for (const html of pages) {
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;script&gt;alert');
    }
  });
});
