import { Duration, Stack, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  CANONICAL_STATE_TABLE_VARIABLE,
  type ReconcileJob,
  type ReconcileSettings,
} from '../../config/function-settings';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUTS } from '../function-limits';
import { InterchangeFunction } from './interchange-function';

/** The source's parts the reconcile function uses, each granted only what the function does with it. */
export interface SourceReconciliationProps {
  readonly stage: string;
  /** X-Ray tracing of the stage (config `stage.tracing`). */
  readonly tracing: 'active' | 'pass-through';
  readonly settings: ReconcileSettings;
  readonly logRetention: RetentionDays;
  /** The source's ingest queue, where missed changes go as their webhooks would have. */
  readonly ingestQueue: IQueue;
  /** Holds the streams' cursors under the source's own partition. */
  readonly stateTable: ITable;
  /** Read (BatchGetItem only) to tell known changes from missed ones. */
  readonly canonicalStateTable: ITable;
  /** Read for Business Central's clientState. */
  readonly signingSecret: ISecret;
  readonly apiCredentials?: ISecret;
  /** Where a scheduled invocation goes once its retries are spent. */
  readonly scheduleDeadLetterQueue: IQueue;
}

/** Scheduler retries a failed invocation this many times (with backoff) before it goes to the dead-letter queue. */
export const SCHEDULE_RETRY_ATTEMPTS = 3;

/**
 * One source's safety net: its reconcile function and the EventBridge Scheduler schedules that run it, one per job
 * (polling the list API, keeping webhook subscriptions alive), each with retries and a dead-letter queue.
 */
export class SourceReconciliation extends Construct {
  readonly function: InterchangeFunction;
  readonly schedules: ReadonlyMap<ReconcileJob, Schedule>;

  constructor(scope: Construct, id: string, props: SourceReconciliationProps) {
    super(scope, id);
    const { settings } = props;
    const source = settings.source;
    if (!settings.reconciliation && !settings.subscriptions) {
      throw new Error(`${id}: source "${source}" has neither reconciliation nor subscriptions configured`);
    }
    this.function = new InterchangeFunction(this, 'Function', {
      functionDir: 'reconcile',
      serviceName: `reconcile-${source}`,
      stage: props.stage,
      settings,
      timeout: FUNCTION_TIMEOUTS.reconcile,
      tracing: props.tracing,
      memorySize: FUNCTION_MEMORY_MB.reconcile,
      logRetention: props.logRetention,
      environment: { [CANONICAL_STATE_TABLE_VARIABLE]: props.canonicalStateTable.tableName },
    });
    props.ingestQueue.grantSendMessages(this.function);
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [props.canonicalStateTable.tableArn] }),
    );
    // The cursors live under the source's own partition of the shared state table, and nowhere else.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [props.stateTable.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`reconciliation#${source}`] } },
      }),
    );
    if (settings.subscriptions) props.signingSecret.grantRead(this.function);
    props.apiCredentials?.grantRead(this.function);

    // One role for the source's schedules, trusted by Scheduler for this account only.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Lets EventBridge Scheduler run reconcile-${source}`,
    });
    const schedules = new Map<ReconcileJob, Schedule>();
    const schedule = (job: ReconcileJob, everyMinutes: number, description: string) => {
      schedules.set(
        job,
        new Schedule(this, job === 'poll' ? 'PollSchedule' : 'RenewSchedule', {
          schedule: ScheduleExpression.rate(Duration.minutes(everyMinutes)),
          description,
          target: new LambdaInvoke(this.function, {
            role: scheduleRole,
            input: ScheduleTargetInput.fromObject({ job }),
            retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
            // A run older than the interval is superseded by the next one, which resumes from the same cursor.
            maxEventAge: Duration.minutes(Math.max(1, everyMinutes)),
            deadLetterQueue: props.scheduleDeadLetterQueue,
          }),
        }),
      );
    };
    if (settings.reconciliation) {
      schedule('poll', settings.reconciliation.everyMinutes, `Polls ${source}'s list API for missed webhooks`);
    }
    if (settings.subscriptions) {
      schedule(
        'renew-subscriptions',
        settings.subscriptions.everyMinutes,
        `Keeps ${source}'s webhook subscriptions alive`,
      );
    }
    this.schedules = schedules;
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnFunction);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "lambda:InvokeFunction on the reconcile function's own versions and aliases (its ARN with :*), as the Scheduler target grants it; no other function is reachable.",
    });
  }
}

/**
 * Where scheduled invocations go when their retries are spent. It holds only the job's name (`{"job": "poll"}`):
 * nothing is lost with it, because the next run resumes from the stored cursor.
 */
export function scheduleDeadLetterQueue(scope: Construct, queueName: string, removalPolicy: RemovalPolicy): Queue {
  const queue = new Queue(scope, 'ScheduleDeadLetters', {
    queueName,
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    removalPolicy,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of the reconciliation schedules (EventBridge Scheduler sends failed invocations to it); a dead-letter queue needs none of its own.',
  });
  return queue;
}
