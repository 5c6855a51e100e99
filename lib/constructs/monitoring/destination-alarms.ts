import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { QueueWithDeadLetter } from '../queue-with-dead-letter';
import type { AlarmThresholds } from './alarm-thresholds';
import { connectorMetric, deliveryErrorRate } from './interchange-metrics';
import { RUNBOOK_SECTIONS, type OnCallPager } from './on-call-pager';
import { pageWhenMessagesAge, pageWhenNotEmpty } from './queue-alarms';

export interface DestinationAlarmsProps {
  readonly pager: OnCallPager;
  readonly destination: string;
  readonly delivery: QueueWithDeadLetter;
  readonly thresholds: AlarmThresholds;
}

/**
 * The alarms of one destination's side of the pipeline: deliveries given up on, deliveries waiting too long,
 * a destination that keeps refusing, and a circuit that stays open.
 */
export class DestinationAlarms extends Construct {
  constructor(scope: Construct, id: string, props: DestinationAlarmsProps) {
    super(scope, id);
    const { pager, destination, delivery, thresholds } = props;

    pageWhenNotEmpty(this, 'DeadLettersNotEmpty', {
      pager,
      queue: delivery.deadLetterQueue,
      meaning: `Deliveries to ${destination} are dead-lettered: they were refused or ran out of retries and wait for a redrive.`,
      runbook: RUNBOOK_SECTIONS.deadLettersNotEmpty,
      name: `delivery-${destination}-dead-letters`,
    });
    pageWhenMessagesAge(this, 'DeliveryBacklog', {
      pager,
      queue: delivery.queue,
      maxAge: thresholds.deliveryOldestMessageAge,
      meaning: `Events for ${destination} wait more than ${thresholds.deliveryOldestMessageAge.toHumanString()} to be delivered: ${destination} is down, rate-limited or slow.`,
      runbook: RUNBOOK_SECTIONS.deliveryBacklog,
      name: `delivery-${destination}-backlog`,
    });

    const circuitMinutes = thresholds.circuitOpenFor.toMinutes();
    pager.page(this, 'CircuitOpen', {
      meaning: `The circuit to ${destination} has been open for ${circuitMinutes} minutes: ${destination} keeps failing and deliveries are paused.`,
      runbook: RUNBOOK_SECTIONS.circuitOpen,
      name: `delivery-${destination}-circuit-open`,
      // The minimum of a minute is 1 only if every connector that reported in it saw the circuit open.
      metric: connectorMetric(destination, 'CircuitOpen', { statistic: Stats.MINIMUM, period: Duration.minutes(1) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: circuitMinutes,
      datapointsToAlarm: circuitMinutes,
      // Connectors report the gauge only when they run. A silent minute says nothing about the circuit, so it
      // is left out rather than counted as closed, which would let an open circuit with a sparse queue hide.
      treatMissingData: TreatMissingData.MISSING,
    });
    pager.page(this, 'DeliveryErrorRate', {
      meaning: `More than ${thresholds.deliveryErrorRatePercent}% of delivery attempts to ${destination} fail: events are retried and arrive late.`,
      runbook: RUNBOOK_SECTIONS.deliveryErrorRate,
      name: `delivery-${destination}-error-rate`,
      metric: deliveryErrorRate(destination, thresholds.deliveryErrorRateMinimumAttempts),
      threshold: thresholds.deliveryErrorRatePercent,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      // Two bad periods out of three: a single failed burst is what retries are for.
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
