import { ConfigError, loadStageConfig, parseConfig } from '../../config/load';
import { STAGES } from '../../config/stages';

function devInput(): Record<string, unknown> {
  return structuredClone(STAGES.dev) as unknown as Record<string, unknown>;
}

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadStageConfig', () => {
  test.each(Object.keys(STAGES))('stage %s validates and fills in defaults', (stage) => {
    const config = loadStageConfig(stage);

    expect(config.stage.name).toBe(stage);
    for (const destination of config.destinations) expect(destination.maxAttempts).toBeGreaterThan(0);
    for (const source of config.sources) expect(source.maxBodyBytes).toBeLessThanOrEqual(1_000_000);
  });

  test('an unknown stage names the known ones', () => {
    expect(() => loadStageConfig('staging')).toThrow(/Unknown stage "staging"; known stages: dev, prod/);
  });
});

describe('parseConfig names the offending field', () => {
  test('a route to an unknown destination', () => {
    const input = devInput();
    (input.routes as Record<string, string[]>)['interchange.order.v1'] = ['erp', 'billing'];

    expect(issuesOf(() => parseConfig(input))).toEqual([
      { path: 'routes.interchange.order.v1.1', message: 'unknown destination "billing"' },
    ]);
  });

  test('a body limit the queue cannot hold', () => {
    const input = devInput();
    (input.sources as Record<string, unknown>[])[0]!.maxBodyBytes = 2_000_000;

    const issues = issuesOf(() => parseConfig(input));
    expect(issues.map((issue) => issue.path)).toEqual(['sources.0.maxBodyBytes']);
  });

  test('duplicate source names', () => {
    const input = devInput();
    const sources = input.sources as Record<string, unknown>[];
    sources[1]!.name = sources[0]!.name;

    expect(issuesOf(() => parseConfig(input))).toContainEqual({
      path: 'sources.1.name',
      message: 'duplicate name "storefront"',
    });
  });

  test('a maximum concurrency below what the event source mapping allows', () => {
    const input = devInput();
    (input.destinations as Record<string, unknown>[])[0]!.maxConcurrency = 1;

    expect(issuesOf(() => parseConfig(input)).map((issue) => issue.path)).toEqual(['destinations.0.maxConcurrency']);
  });

  test('a malformed account id and an unknown signature scheme are both reported at once', () => {
    const input = devInput();
    (input.stage as Record<string, unknown>).account = '12345';
    (input.sources as Record<string, unknown>[])[0]!.scheme = { kind: 'md5' };

    const paths = issuesOf(() => parseConfig(input)).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['stage.account', 'sources.0.scheme.kind']));
  });

  test('accepted event types without a place to read the type from', () => {
    const input = devInput();
    const sources = input.sources as Record<string, unknown>[];
    delete sources[0]!.eventTypeHeader;

    expect(issuesOf(() => parseConfig(input))).toContainEqual({
      path: 'sources.0.eventTypes',
      message: 'needs eventTypeHeader or eventTypeField to read the topic from',
    });
  });

  test('the message lists each field on its own line', () => {
    const input = devInput();
    (input.stage as Record<string, unknown>).logRetentionDays = 0;

    expect(() => parseConfig(input, 'config for stage "dev"')).toThrow(
      /Invalid Interchange config for stage "dev":\n {2}stage\.logRetentionDays: /,
    );
  });
});
