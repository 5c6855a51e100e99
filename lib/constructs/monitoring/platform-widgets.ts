import { GraphWidget, Stats, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { serviceName } from './interchange-metrics';
import { monitoredFunctions, type MonitoredCode } from './monitored-code';

/** The webhook API as vendors see it: how many requests, how many refused (4xx) or failed (5xx), how fast. */
export function apiRow(code: MonitoredCode): IWidget[] {
  const { api } = code;
  return [
    new GraphWidget({
      title: 'webhook API: requests and errors',
      left: [
        api.metricCount({ label: 'requests', statistic: Stats.SUM }),
        api.metricClientError({ label: '4xx', statistic: Stats.SUM }),
        api.metricServerError({ label: '5xx', statistic: Stats.SUM }),
      ],
      width: 12,
      height: 6,
    }),
    new GraphWidget({
      title: 'webhook API: latency',
      left: [
        api.metricLatency({ label: 'p50 (ms)', statistic: Stats.p(50) }),
        api.metricLatency({ label: 'p99 (ms)', statistic: Stats.p(99) }),
        api.metricIntegrationLatency({ label: 'ingest function p99 (ms)', statistic: Stats.p(99) }),
      ],
      width: 12,
      height: 6,
    }),
  ];
}

/**
 * One graph per function, named by its service name so it matches the `service` field of its log lines:
 * invocations, errors and throttles on the left, duration on the right.
 */
export function functionWidgets(code: MonitoredCode): IWidget[] {
  return monitoredFunctions(code).map(
    ({ role, name, fn }) =>
      new GraphWidget({
        title: `function ${serviceName(role, name)}`,
        left: [
          fn.metricInvocations({ label: 'invocations', statistic: Stats.SUM }),
          fn.metricErrors({ label: 'errors', statistic: Stats.SUM }),
          fn.metricThrottles({ label: 'throttles', statistic: Stats.SUM }),
        ],
        right: [
          fn.metricDuration({ label: 'p50 (ms)', statistic: Stats.p(50) }),
          fn.metricDuration({ label: 'p99 (ms)', statistic: Stats.p(99) }),
        ],
        width: 6,
        height: 6,
      }),
  );
}
