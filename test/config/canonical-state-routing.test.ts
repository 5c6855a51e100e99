import { transformSettingsFor, type ResolvedTopology } from '../../config/function-settings';
import { loadStageConfig, parseConfig } from '../../config/load';
import { CANONICAL_STATE_DESTINATION, ROUTABLE_EVENT_TYPES } from '../../config/schema';
import { STAGES } from '../../config/stages';

const config = loadStageConfig('dev');
const topology: ResolvedTopology = {
  sources: new Map(
    config.sources.map((s) => [s.name, { queueUrl: `q-${s.name}`, quarantineQueueUrl: 'q', secretId: 's' }]),
  ),
  destinations: new Map(
    config.destinations.map((d) => [d.name, { queueUrl: `d-${d.name}`, deadLetterQueueUrl: 'dlq' }]),
  ),
  idempotencyTable: 'idem',
  stateTable: 'state',
  payloadBucket: 'bucket',
  canonicalState: { queueUrl: 'canonical-state-queue', tableName: 'canonical-state-table' },
  readApiCallersSecretId: 'callers',
};

describe('routing to the canonical state', () => {
  test('every canonical type goes to the canonical state after its configured destinations', () => {
    const routes = transformSettingsFor(config, config.sources[0]!, topology).routes;
    for (const type of ROUTABLE_EVENT_TYPES) {
      const targets = routes[type]!;
      expect(targets.at(-1)).toEqual({ destination: CANONICAL_STATE_DESTINATION, queueUrl: 'canonical-state-queue' });
      expect(targets.slice(0, -1).map((target) => target.destination)).toEqual(config.routes[type] ?? []);
    }
  });

  test('a type no destination takes still reaches the canonical state', () => {
    const { 'interchange.shipment.v1': _dropped, ...routes } = config.routes;
    const routes2 = transformSettingsFor({ ...config, routes }, config.sources[0]!, topology).routes;
    expect(routes2['interchange.shipment.v1']).toEqual([
      { destination: CANONICAL_STATE_DESTINATION, queueUrl: 'canonical-state-queue' },
    ]);
  });

  test('no configured destination may take the internal name', () => {
    const input = STAGES.dev!;
    const destinations = [
      ...input.destinations,
      { name: CANONICAL_STATE_DESTINATION, baseUrl: 'https://x.example.com' },
    ];
    expect(() => parseConfig({ ...input, destinations })).toThrow(/internal destination of every canonical event/);
  });
});
