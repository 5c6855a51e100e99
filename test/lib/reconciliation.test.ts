import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { TableV2, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { SourceReconciliation } from '../../lib/constructs/source-reconciliation';
import { synthesizeStage } from './helpers/synth';

const dev = synthesizeStage('dev');
const reconciled = dev.config.sources.filter((source) => source.reconciliation || source.subscriptions);
const functions = dev.stateless.findResources('AWS::Lambda::Function');

/** The logical id of a source's reconcile function. */
function reconcileFunctionId(source: string): string {
  const id = Object.keys(functions).find((logicalId) => logicalId.startsWith(`Reconcile${source}Function`));
  if (!id) throw new Error(`no reconcile function for ${source}`);
  return id;
}

describe('reconciliation infrastructure', () => {
  test('every source with a list API or subscriptions has one reconcile function, told the canonical state table', () => {
    expect(reconciled.map((source) => source.name).sort()).toEqual(['crm', 'erp', 'payments', 'storefront']);
    for (const source of reconciled) {
      const fn = functions[reconcileFunctionId(source.name)]!;
      expect(fn.Properties.Environment.Variables).toMatchObject({
        CANONICAL_STATE_TABLE_NAME: expect.anything(),
        POWERTOOLS_SERVICE_NAME: `reconcile-${source.name}`,
      });
      expect(fn.Properties.Timeout).toBe(300);
    }
  });

  test("each poll runs on the source's interval, retried and dead-lettered by the schedule", () => {
    for (const source of reconciled.filter((candidate) => candidate.reconciliation)) {
      dev.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(15 minutes)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [reconcileFunctionId(source.name), 'Arn'] },
          Input: JSON.stringify({ job: 'poll' }),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        },
      });
    }
  });

  test("Business Central's subscriptions are checked hourly", () => {
    dev.stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: {
        Arn: { 'Fn::GetAtt': [reconcileFunctionId('erp'), 'Arn'] },
        Input: JSON.stringify({ job: 'renew-subscriptions' }),
      },
    });
    expect(Object.keys(dev.stateless.findResources('AWS::Scheduler::Schedule'))).toHaveLength(5);
  });

  test("a reconcile function reads the canonical state with BatchGetItem only, and keeps cursors only in its source's partition", () => {
    dev.stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) }),
          Match.objectLike({ Action: 'dynamodb:BatchGetItem', Effect: 'Allow' }),
          Match.objectLike({
            Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
            Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['reconciliation#storefront'] } },
          }),
        ]),
      },
      Roles: [Match.objectLike({ Ref: Match.stringLikeRegexp('^ReconcilestorefrontFunctionRole') })],
    });
  });

  test('schedules assume a role Scheduler may use for this account only', () => {
    dev.stateless.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  test('missed webhooks page on-call per polled source, summed over every canonical type', () => {
    for (const source of reconciled.filter((candidate) => candidate.reconciliation)) {
      dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `interchange-dev-alarm-reconcile-${source.name}-missed-webhooks`,
        Threshold: 5,
        Metrics: [
          Match.objectLike({
            Expression: Match.stringLikeRegexp(
              `SELECT SUM\\(MissedWebhooks\\).*WHERE service = 'reconcile-${source.name}'`,
            ),
          }),
        ],
      });
      dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `interchange-dev-alarm-reconcile-${source.name}-poll-failed`,
        MetricName: 'PollFailed',
        Threshold: 0,
      });
    }
  });

  test('a subscription that could not be kept alive pages on-call', () => {
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-reconcile-erp-subscription-renewal-failed',
      MetricName: 'SubscriptionRenewalFailed',
      Dimensions: Match.arrayWith([{ Name: 'service', Value: 'reconcile-erp' }]),
      Period: 3600,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  test('a source with neither a list API nor subscriptions is refused', () => {
    const stack = new Stack(new App(), 'Refused');
    const table = new TableV2(stack, 'T', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const queue = new Queue(stack, 'Q');

    expect(
      () =>
        new SourceReconciliation(stack, 'Reconcile-x', {
          stage: 'dev',
          tracing: 'active',
          settings: {
            source: 'x',
            queueUrl: 'q',
            stateTable: 't',
            payloadBucket: 'b',
            signingSecretId: 's',
            notificationUrl: 'u',
          },
          logRetention: RetentionDays.ONE_WEEK,
          ingestQueue: queue,
          stateTable: table,
          canonicalStateTable: table,
          signingSecret: new Secret(stack, 'S'),
          scheduleDeadLetterQueue: queue,
        }),
    ).toThrow('Reconcile-x: source "x" has neither reconciliation nor subscriptions configured');
  });
});
