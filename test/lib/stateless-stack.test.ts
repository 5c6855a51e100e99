import { Match } from 'aws-cdk-lib/assertions';
import { synthesizeStage } from './helpers/synth';

const dev = synthesizeStage('dev');
const functions = dev.stateless.findResources('AWS::Lambda::Function');

function settingsOf(logicalIdPrefix: string): string {
  const entry = Object.entries(functions).find(([id]) => id.startsWith(logicalIdPrefix));
  if (!entry) throw new Error(`no function ${logicalIdPrefix}`);
  return JSON.stringify(entry[1].Properties.Environment.Variables.INTERCHANGE_SETTINGS);
}

describe('StatelessStack', () => {
  test('one ingest and one transform function per source, one connector per destination, the canonical state, one reconcile per polled source', () => {
    expect(Object.keys(functions)).toHaveLength(
      dev.config.sources.length * 2 +
        dev.config.destinations.length +
        dev.stacks.stateless.canonicalStateFunctions.size +
        dev.stacks.stateless.reconcileFunctions.size,
    );
  });

  test('every function runs arm64 on Node.js 24 with the stage’s tracing and its own log group', () => {
    // dev traces only what arrives sampled (config/stages.ts); prod samples actively
    expect(dev.config.stage.tracing).toBe('pass-through');
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'PassThrough' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
    }
    const groups = Object.values(dev.stateless.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBe(Object.keys(functions).length + 1);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(14);
  });

  test('each source has an ANY route to its own ingest function', () => {
    for (const source of dev.config.sources) {
      dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `ANY /webhooks/${source.name}` });
    }
  });

  test('the API stage is throttled and writes JSON access logs', () => {
    dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"status":"\\$context.status"'),
      },
    });
  });

  test('transforms consume their ingest queue with partial batch responses', () => {
    const mappings = dev.stateless.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 10 },
    });
    expect(Object.keys(mappings)).toHaveLength(dev.config.sources.length + dev.config.destinations.length);
  });

  test("connectors' event source mappings are capped at each destination's maximum concurrency", () => {
    for (const destination of dev.config.destinations) {
      dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        ScalingConfig: { MaximumConcurrency: destination.maxConcurrency },
      });
    }
  });

  test("an ingest function may read only its own source's secret and send only to its own queue", () => {
    const policies = dev.stateless.findResources('AWS::IAM::Policy');
    const policy = Object.entries(policies).find(([id]) => id.startsWith('IngeststorefrontRole'));
    expect(policy).toBeDefined();
    const statements = JSON.stringify(policy![1].Properties.PolicyDocument.Statement);
    expect(statements).toMatch(/SigningSecretstorefront/);
    expect(statements).toMatch(/Ingeststorefront/);
    expect(statements).not.toMatch(/SigningSecretpayments|Ingestpayments|Delivery|Idempotency/);
    expect(statements).not.toMatch(/"Action":"sqs:\*"|"Action":"secretsmanager:\*"/);
  });

  test("a transform may read its own source API's credentials and no other source's", () => {
    const policies = dev.stateless.findResources('AWS::IAM::Policy');
    const policyOf = (prefix: string) =>
      JSON.stringify(Object.entries(policies).find(([id]) => id.startsWith(prefix))![1].Properties.PolicyDocument);

    expect(policyOf('TransformstorefrontRole')).toMatch(/ApiCredentialsstorefront/);
    expect(policyOf('TransformstorefrontRole')).not.toMatch(/ApiCredentialscrm|ApiCredentialserp/);
    expect(policyOf('TransformpaymentsRole')).not.toMatch(/ApiCredentials/);
    expect(settingsOf('Transformstorefront')).toMatch(/completionSecretId/);
  });

  test("ingest and reconcile write their source's claim checks; transform reads them and writes only its source's archive", () => {
    const policies = dev.stateless.findResources('AWS::IAM::Policy');
    /** Each S3 statement of a role as "action folder", the folder read from the resource's joined ARN. */
    const s3Grants = (prefix: string) => {
      const statements = Object.entries(policies).find(([id]) => id.startsWith(prefix))![1].Properties.PolicyDocument
        .Statement as { Action: string | string[]; Resource: unknown }[];
      return statements
        .filter((statement) => String(statement.Action).startsWith('s3:'))
        .map(
          (statement) =>
            `${String(statement.Action)} ${JSON.stringify(statement.Resource).match(/payloads[^/]*\/([^"]*)"/)?.[1]}`,
        );
    };

    expect(s3Grants('IngeststorefrontRole')).toEqual(['s3:PutObject claim-check/storefront/*']);
    expect(s3Grants('TransformstorefrontRole')).toEqual([
      's3:GetObject claim-check/storefront/*',
      's3:PutObject archive/storefront/*',
    ]);
    expect(s3Grants('TransformpaymentsRole')).toEqual([
      's3:GetObject claim-check/payments/*',
      's3:PutObject archive/payments/*',
    ]);
    expect(s3Grants('ReconcilestorefrontFunctionRole')).toEqual(['s3:PutObject claim-check/storefront/*']);
    expect(s3Grants('ReconcilepaymentsFunctionRole')).toEqual(['s3:PutObject claim-check/payments/*']);
    expect(settingsOf('Ingeststorefront')).toMatch(/payloadBucket/);
    expect(settingsOf('Transformstorefront')).toMatch(/payloadBucket/);
  });

  test('function settings carry the resolved topology', () => {
    expect(settingsOf('Ingeststorefront')).toMatch(/x-shopify-topic/);
    expect(settingsOf('Transformstorefront')).toMatch(/interchange\.order\.v1/);
    expect(settingsOf('Connectorerp')).toMatch(/Idempotency/);
  });
});
