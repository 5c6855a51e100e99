import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { InterchangeConfig } from '../config/schema';
import { resourceName } from './naming';
import type { StatefulStack } from './stateful-stack';

export interface MonitoringStackProps extends StackProps {
  readonly config: InterchangeConfig;
  readonly stateful: StatefulStack;
}

/** Alarms that page on-call through one SNS topic. */
export class MonitoringStack extends Stack {
  readonly onCallTopic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const topicKey = new Key(this, 'OnCallTopicKey', {
      description: 'Encrypts Interchange on-call notifications',
      enableKeyRotation: true,
    });
    this.onCallTopic = new Topic(this, 'OnCallTopic', {
      topicName: resourceName(config.stage.name, 'on-call'),
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (config.stage.alarmEmail) this.onCallTopic.addSubscription(new EmailSubscription(config.stage.alarmEmail));

    for (const [name, parts] of stateful.sources) {
      this.alarmWhenNotEmpty(`Quarantine-${name}`, parts.ingest.deadLetterQueue, `Records from ${name} quarantined`);
    }
    for (const [name, parts] of stateful.destinations) {
      this.alarmWhenNotEmpty(
        `DeadLetters-${name}`,
        parts.delivery.deadLetterQueue,
        `Deliveries to ${name} dead-lettered`,
      );
    }
  }

  private alarmWhenNotEmpty(id: string, queue: Queue, what: string): void {
    const alarm = new Alarm(this, `${id}-NotEmpty`, {
      alarmDescription: `${what}: inspect the messages' reason attributes, fix the cause, then redrive.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.onCallTopic));
  }
}
