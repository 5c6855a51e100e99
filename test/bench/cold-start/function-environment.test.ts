import {
  connectorSettingsSchema,
  ingestSettingsSchema,
  transformSettingsSchema,
} from '../../../config/function-settings';
import { loadStageConfig } from '../../../config/load';
import { functionEnvironment } from '../../../bench/cold-start/function-environment';
import { readSettings } from '../../../lambdas/shared/settings';

const config = loadStageConfig('dev');

describe('functionEnvironment', () => {
  it.each([
    ['ingest', ingestSettingsSchema],
    ['transform', transformSettingsSchema],
    ['connector', connectorSettingsSchema],
  ] as const)('gives the %s function settings it accepts at module init', (kind, schema) => {
    const environment = functionEnvironment(kind, config);
    expect(() => readSettings(schema, environment)).not.toThrow();
    expect(environment).toMatchObject({ AWS_REGION: 'us-east-1', POWERTOOLS_SERVICE_NAME: `${kind}-bench` });
  });

  it('points at deployment-shaped resources, never at local endpoints', () => {
    const settings = JSON.parse(functionEnvironment('ingest', config).INTERCHANGE_SETTINGS!) as { queueUrl: string };
    expect(settings.queueUrl).toBe(
      'https://sqs.us-east-1.amazonaws.com/000000000000/interchange-dev-ingest-storefront',
    );
    expect(
      Object.keys(functionEnvironment('connector', config)).some((name) => name.startsWith('AWS_ENDPOINT_URL')),
    ).toBe(false);
  });
});
