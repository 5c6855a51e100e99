import { Match } from 'aws-cdk-lib/assertions';
import { synthesizeStage } from './helpers/synth';

const dev = synthesizeStage('dev');
const prod = synthesizeStage('prod');

describe('StatefulStack', () => {
  test('every source gets an ingest queue whose dead-letter queue is its quarantine', () => {
    for (const source of dev.config.sources) {
      dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `interchange-dev-ingest-${source.name}`,
        RedrivePolicy: {
          deadLetterTargetArn: Match.anyValue(),
          maxReceiveCount: 5,
        },
      });
      dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `interchange-dev-ingest-${source.name}-quarantine`,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
  });

  test('every delivery queue keeps messages a day past its retry horizon, with SQS redrive only as a safety net', () => {
    for (const destination of dev.config.destinations) {
      dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `interchange-dev-delivery-${destination.name}`,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 1000 },
        MessageRetentionPeriod: destination.retryHorizonSeconds + 24 * 3600,
      });
      expect(destination.retryHorizonSeconds).toBeGreaterThanOrEqual(24 * 3600);
      dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `interchange-dev-delivery-${destination.name}-dlq`,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    }
  });

  test('visibility timeouts are six times the consuming function timeout', () => {
    dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'interchange-dev-ingest-storefront',
      VisibilityTimeout: 180,
    });
    dev.stateful.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'interchange-dev-delivery-erp',
      VisibilityTimeout: 360,
    });
  });

  test('every queue is encrypted at rest and refuses plain HTTP', () => {
    const queues = dev.stateful.findResources('AWS::SQS::Queue');
    // A queue and DLQ per source and destination, and the canonical state's.
    const expected = (dev.config.sources.length + dev.config.destinations.length + 1) * 2;
    expect(Object.keys(queues)).toHaveLength(expected);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    }
    const policies = dev.stateful.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(policies)).toHaveLength(expected);
  });

  test('tables are on-demand, encrypted, recoverable and expire records by TTL', () => {
    for (const [name, ttl] of [
      ['interchange-dev-Idempotency', 'expiration'],
      ['interchange-dev-IntegrationState', 'expiresAt'],
    ]) {
      dev.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: ttl, Enabled: true },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    }
  });

  test('each source has its own signing secret, named by stage', () => {
    for (const source of dev.config.sources) {
      dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', { Name: `dev/${source.secretName}` });
    }
  });

  test('prod retains data on stack deletion and dev does not', () => {
    const policies = (template: typeof dev.stateful) =>
      Object.values(template.findResources('AWS::DynamoDB::GlobalTable')).map((table) => table.DeletionPolicy);
    expect(new Set(policies(prod.stateful))).toEqual(new Set(['Retain']));
    expect(new Set(policies(dev.stateful))).toEqual(new Set(['Delete']));
  });

  test('the payload bucket is encrypted, private, TLS-only and expires claim checks', () => {
    dev.stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'claim-check/', ExpirationInDays: 30, Status: 'Enabled' })]),
      },
    });
    dev.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    expect(Object.values(prod.stateful.findResources('AWS::S3::Bucket')).map((b) => b.DeletionPolicy)).toEqual([
      'Retain',
    ]);
  });
});
