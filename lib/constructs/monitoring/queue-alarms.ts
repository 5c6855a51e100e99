import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, Stats, TreatMissingData, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { OnCallPager, RunbookSection } from './on-call-pager';

/** What a queue alarm says about its queue. */
export interface QueueAlarmProps {
  readonly pager: OnCallPager;
  readonly queue: IQueue;
  readonly meaning: string;
  readonly runbook: RunbookSection;
  readonly name: string;
}

/**
 * Pages as soon as a dead-letter queue or quarantine holds a message: each one is an order that will not arrive
 * by itself. SQS stops publishing metrics of an idle, empty queue, so missing data is treated as empty.
 */
export function pageWhenNotEmpty(scope: Construct, id: string, props: QueueAlarmProps): Alarm {
  const { pager, queue, ...page } = props;
  return pager.page(scope, id, {
    ...page,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * Pages when the oldest message of a work queue is older than the given age: the consumer is failing or falling
 * behind. The age is already a measure of how long it has been so, so one period is enough; an idle queue
 * publishes nothing, which counts as healthy.
 */
export function pageWhenMessagesAge(
  scope: Construct,
  id: string,
  props: QueueAlarmProps & { maxAge: Duration },
): Alarm {
  const { pager, queue, maxAge, ...page } = props;
  return pager.page(scope, id, {
    ...page,
    metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
    threshold: maxAge.toSeconds(),
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
