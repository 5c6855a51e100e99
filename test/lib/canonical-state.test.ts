import { Match } from 'aws-cdk-lib/assertions';
import { CANONICAL_STATE_TABLE_VARIABLE } from '../../config/function-settings';
import { synthesizeStage } from './helpers/synth';

/** The canonical state's infrastructure: its table, its queue, the state writer and the routing to it. */
const dev = synthesizeStage('dev');
const prod = synthesizeStage('prod');
const functions = dev.stateless.findResources('AWS::Lambda::Function');

function functionNamed(prefix: string) {
  const entry = Object.entries(functions).find(([id]) => id.startsWith(prefix));
  if (!entry) throw new Error(`no function ${prefix}`);
  return entry;
}

describe('canonical state table', () => {
  test('is keyed by pk alone, on demand, encrypted, recoverable, with keys-only indexes by entity and updatedAt, and by SKU', () => {
    dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'interchange-dev-CanonicalState',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-entity-updated',
          KeySchema: [
            { AttributeName: 'entity', KeyType: 'HASH' },
            { AttributeName: 'updatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'by-sku',
          KeySchema: [
            { AttributeName: 'sku', KeyType: 'HASH' },
            { AttributeName: 'pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  test('has no TTL, and production keeps it on stack deletion', () => {
    const [table] = Object.values(
      prod.stateful.findResources('AWS::DynamoDB::GlobalTable', {
        Properties: { TableName: 'interchange-prod-CanonicalState' },
      }),
    );
    expect(table?.Properties.TimeToLiveSpecification).toBeUndefined();
    expect(table?.DeletionPolicy).toBe('Retain');
  });
});

describe('state writer', () => {
  test('consumes the canonical state queue in batches, reporting partial failures', () => {
    const [id] = functionNamed('StateWriter');
    dev.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'interchange-dev-canonical-state',
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 10 },
    });
  });

  test('gets the table name in CANONICAL_STATE_TABLE_NAME and may only put items to it', () => {
    const [, writer] = functionNamed('StateWriter');
    expect(writer.Properties.Environment.Variables[CANONICAL_STATE_TABLE_VARIABLE]).toEqual(expect.anything());
    expect(writer.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('canonical-state-writer');
    const policies = Object.values(dev.stateless.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes('StateWriterRole'),
    );
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const dynamodb = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
    expect(dynamodb).toEqual([expect.objectContaining({ Action: 'dynamodb:PutItem' })]);
    expect(JSON.stringify(dynamodb)).not.toContain('index');
  });

  test('every transform may send to the canonical state queue, and routes every canonical type to it', () => {
    for (const source of dev.config.sources) {
      const [, transform] = functionNamed(`Transform${source.name}`);
      const settings = JSON.stringify(transform.Properties.Environment.Variables.INTERCHANGE_SETTINGS);
      expect(settings).toContain('canonical-state');
    }
    const sends = Object.values(dev.stateless.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('Transform'))
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('CanonicalStateQueue'));
    expect(sends).toHaveLength(dev.config.sources.length);
  });
});

describe('monitoring', () => {
  test('pages when canonical events wait or are dead-lettered', () => {
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-canonical-state-dead-letters',
    });
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-canonical-state-backlog',
    });
  });
});

describe('read API', () => {
  test('GET /v1/{entity} and GET /v1/{entity}/{id+} go to the reader behind the API key authorizer', () => {
    const authorizers = dev.stateless.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.values(authorizers)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          AuthorizerType: 'REQUEST',
          AuthorizerPayloadFormatVersion: '2.0',
          EnableSimpleResponses: true,
          IdentitySource: ['$request.header.Authorization'],
          AuthorizerResultTtlInSeconds: 300,
        }),
      }),
    ]);
    const [authorizerId] = Object.keys(authorizers);
    for (const routeKey of ['GET /v1/{entity}', 'GET /v1/{entity}/{id+}']) {
      dev.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: authorizerId },
      });
    }
    const [, authorizer] = functionNamed('ReadAuthorizer');
    expect(authorizer.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('canonical-state-authorizer');
  });

  test('the reader may only read the canonical state table and its index, and count requests in the state table', () => {
    const [, reader] = functionNamed('ReadApi');
    expect(reader.Properties.Environment.Variables[CANONICAL_STATE_TABLE_VARIABLE]).toEqual(expect.anything());
    const statements = Object.values(dev.stateless.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('ReadApiRole'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements
      .flatMap((statement) => [statement.Action].flat())
      .filter((a) => a.startsWith('dynamodb:'));
    expect(actions.sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(JSON.stringify(statements)).toContain('/index/by-entity-updated');
    expect(JSON.stringify(statements)).toContain('/index/by-sku');
  });

  test('the callers secret holds hashes only and is read by the authorizer alone', () => {
    dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'dev/interchange/read-api/callers',
      Description: Match.stringLikeRegexp('Keys are never stored, only their hashes'),
    });
    const readers = Object.values(dev.stateless.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('ReadApiCallers'),
    );
    expect(readers.map((policy) => JSON.stringify(policy.Properties.Roles))).toEqual([
      expect.stringContaining('ReadAuthorizerRole'),
    ]);
  });
});
