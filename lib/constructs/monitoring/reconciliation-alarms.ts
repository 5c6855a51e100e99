import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AlarmThresholds } from './alarm-thresholds';
import { reconcileMetric, totalMissedWebhooks } from './interchange-metrics';
import { EVENT_COUNT_ALARM, RUNBOOK_SECTIONS, type OnCallPager } from './on-call-pager';

export interface ReconciliationAlarmsProps {
  readonly pager: OnCallPager;
  readonly source: string;
  /** Whether the source's list API is polled (`reconciliation` configured). */
  readonly polled: boolean;
  /** Whether the source's webhook subscriptions are kept alive (`subscriptions` configured). */
  readonly subscriptions: boolean;
  readonly thresholds: AlarmThresholds;
}

/**
 * The alarms of the safety net behind a source's webhooks: webhooks going missing (reconciliation found the
 * changes they should have carried), the poll itself failing, and a subscription the vendor will stop sending to.
 */
export class ReconciliationAlarms extends Construct {
  constructor(scope: Construct, id: string, props: ReconciliationAlarmsProps) {
    super(scope, id);
    const { pager, source, thresholds } = props;
    if (props.polled) {
      pager.page(this, 'MissedWebhooks', {
        meaning: `Reconciliation found changes in ${source} whose webhooks never came: the vendor is dropping or failing deliveries.`,
        runbook: RUNBOOK_SECTIONS.missedWebhooks,
        name: `reconcile-${source}-missed-webhooks`,
        metric: totalMissedWebhooks(source),
        threshold: thresholds.missedWebhooks,
        ...EVENT_COUNT_ALARM,
      });
      pager.page(this, 'PollFailed', {
        meaning: `Polling ${source}'s list API fails: missed webhooks are not being found until it recovers.`,
        runbook: RUNBOOK_SECTIONS.reconciliationFailing,
        name: `reconcile-${source}-poll-failed`,
        metric: reconcileMetric(source, 'PollFailed'),
        threshold: 0,
        ...EVENT_COUNT_ALARM,
      });
    }
    if (props.subscriptions) {
      pager.page(this, 'SubscriptionRenewalFailed', {
        meaning: `A webhook subscription of ${source} could not be renewed or re-enabled: the vendor stops sending when it lapses.`,
        runbook: RUNBOOK_SECTIONS.subscriptionRenewalFailed,
        name: `reconcile-${source}-subscription-renewal-failed`,
        // Checks run hourly by default: an hour's period keeps a failed check in ALARM until the next one.
        metric: reconcileMetric(source, 'SubscriptionRenewalFailed', { period: Duration.hours(1) }),
        threshold: 0,
        ...EVENT_COUNT_ALARM,
      });
    }
  }
}
