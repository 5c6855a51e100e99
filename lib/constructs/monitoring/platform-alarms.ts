import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { AlarmThresholds } from './alarm-thresholds';
import { serviceName } from './interchange-metrics';
import { monitoredFunctions, type MonitoredCode } from './monitored-code';
import { EVENT_COUNT_ALARM, RUNBOOK_SECTIONS, type OnCallPager } from './on-call-pager';

export interface PlatformAlarmsProps {
  readonly pager: OnCallPager;
  readonly code: MonitoredCode;
  readonly thresholds: AlarmThresholds;
}

/**
 * The alarms on what AWS runs for Interchange: the webhook API's 5xx answers, and errors and throttles of
 * every function. All of these metrics are published only while there is traffic, and no traffic means
 * nothing failed, so missing data counts as healthy.
 */
export class PlatformAlarms extends Construct {
  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const { pager, code, thresholds } = props;

    pager.page(this, 'ApiServerErrors', {
      meaning: 'The webhook API answers vendors with 5xx: webhooks are not getting in and vendors are retrying.',
      runbook: RUNBOOK_SECTIONS.apiServerErrors,
      name: 'api-5xx',
      metric: code.api.metricServerError({ statistic: Stats.SUM }),
      threshold: thresholds.apiServerErrors,
      ...EVENT_COUNT_ALARM,
    });

    for (const { role, name, fn } of monitoredFunctions(code)) {
      const service = serviceName(role, name);
      pager.page(this, `${service}-Errors`, {
        meaning: `The ${service} function fails invocations (crash or timeout), so its work is retried or refused.`,
        runbook: RUNBOOK_SECTIONS.functionErrors,
        name: `function-${service}-errors`,
        metric: fn.metricErrors({ statistic: Stats.SUM }),
        threshold: thresholds.functionErrors,
        ...EVENT_COUNT_ALARM,
      });
      pager.page(this, `${service}-Throttles`, {
        meaning: `The ${service} function is throttled: the account or function ran out of concurrency.`,
        runbook: RUNBOOK_SECTIONS.functionThrottles,
        name: `function-${service}-throttles`,
        metric: fn.metricThrottles({ statistic: Stats.SUM }),
        threshold: thresholds.functionThrottles,
        ...EVENT_COUNT_ALARM,
      });
    }
  }
}
