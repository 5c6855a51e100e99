import { loadStageConfig } from '../../../config/load';
import { expectedDeliveries } from '../../../bench/e2e/expected-deliveries';
import { StaleTemplateError, webhookFor, workload, WORKLOAD_TEMPLATES } from '../../../bench/e2e/workload';
import { mapVendorRecord } from '../../../lambdas/transform/mappers';

const config = loadStageConfig('dev');
const record = (webhook: ReturnType<typeof webhookFor>) => ({
  source: webhook.source,
  eventType: webhook.eventType,
  body: webhook.body,
  correlationId: 'test-correlation',
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('the end-to-end workload', () => {
  it('covers every configured source', () => {
    expect(new Set(WORKLOAD_TEMPLATES.map((template) => template.source))).toEqual(
      new Set(config.sources.map((source) => source.name)),
    );
  });

  it('cycles through the templates, each webhook a new entity', () => {
    const webhooks = workload(WORKLOAD_TEMPLATES.length + 1);
    expect(webhooks.map((webhook) => webhook.source).slice(0, WORKLOAD_TEMPLATES.length)).toEqual(
      WORKLOAD_TEMPLATES.map((template) => template.source),
    );
    expect(webhooks.at(-1)!.body).not.toBe(webhooks[0]!.body);
  });

  it.each(WORKLOAD_TEMPLATES.map((template) => [template.fixture, template] as const))(
    '%s gives distinct canonical events per entity and reaches at least one destination',
    async (_fixture, template) => {
      const ids = new Set<string>();
      for (const n of [1, 2, 36, 9_999]) {
        const webhook = webhookFor(template, n);
        const result = mapVendorRecord(record(webhook));
        if (result.ok) for (const event of result.events) ids.add(event.id);
        const expected = await expectedDeliveries(config, webhook);
        expect([...expected.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      }
      const mapsDirectly = mapVendorRecord(record(webhookFor(template, 1))).ok;
      if (mapsDirectly) expect(ids.size).toBeGreaterThanOrEqual(4);
    },
  );

  it('says which fixture no longer holds an id it rewrites', () => {
    const stale = { ...WORKLOAD_TEMPLATES[0]!, ids: [['no-such-id', () => 'x'] as const] };
    expect(() => webhookFor(stale, 1)).toThrow(new StaleTemplateError(`${stale.fixture} no longer holds no-such-id`));
  });
});
