import { senderScheme } from '../../../local/webhook-client';
import { loadStageConfig } from '../../../config/load';
import { ingestCase, RejectedWebhookError } from '../../../bench/ingest/ingest-case';

const config = loadStageConfig('dev');

describe('ingestCase', () => {
  it.each(config.sources.map((source) => [source.name, source] as const))(
    'builds a webhook %s accepts, and its floor',
    (_name, source) => {
      const bench = ingestCase(config, source, 1024);
      expect(bench).toMatchObject({ scheme: senderScheme(source).kind, bodyBytes: 1024 });
      expect(bench.handle()).toMatchObject({ statusCode: 202 });
      expect(bench.baseline()).toEqual([expect.any(String), expect.any(String)]);
    },
  );

  it('refuses to time a webhook the handler rejects', () => {
    const storefront = { ...config.sources[0]!, maxBodyBytes: 1024 };
    expect(() => ingestCase(config, storefront, 2048)).toThrow(RejectedWebhookError);
    expect(() => ingestCase(config, storefront, 2048)).toThrow(/shopify 2048 B answered 413/);
  });
});
