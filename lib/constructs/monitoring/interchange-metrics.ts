import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric, SearchExpression, Stats, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The namespace the functions publish their EMF metrics under (lambdas/shared/metrics.ts). lib/ may not import
 * function code, so the name is repeated here and a test pins the two together.
 */
export const INTERCHANGE_NAMESPACE = 'Interchange';

/** Metrics the ingest function of a source emits. */
export const INGEST_METRICS = [
  'WebhookReceived',
  'WebhookAccepted',
  'WebhookUnavailable',
  'SignatureFailure',
  'WebhookRejected',
] as const;
export type IngestMetricName = (typeof INGEST_METRICS)[number];

/** Metrics the transform function of a source emits. */
export const TRANSFORM_METRICS = [
  'EventsMapped',
  'EventsUnrouted',
  'UnknownFields',
  'PartialHeldBack',
  'RecordsQuarantined',
  'FormatDrift',
] as const;
export type TransformMetricName = (typeof TRANSFORM_METRICS)[number];

/** Metrics the connector function of a destination emits. */
export const CONNECTOR_METRICS = [
  'Delivered',
  'DuplicateSkipped',
  'DeliveryFailed',
  'DeliveryDeadLettered',
  'EndToEndLatency',
  'StaleDropped',
  'Throttled429',
  'CircuitOpen',
  'RateLimited',
] as const;
export type ConnectorMetricName = (typeof CONNECTOR_METRICS)[number];

/**
 * Metrics the reconcile function of a source emits. `MissedWebhooks` also carries a `type` dimension (the
 * canonical type), so it is read through a Metrics Insights query across it.
 */
export const RECONCILE_METRICS = [
  'MissedWebhooks',
  'PollFailed',
  'SubscriptionsRenewed',
  'SubscriptionRenewalFailed',
] as const;
export type ReconcileMetricName = (typeof RECONCILE_METRICS)[number];

/** The kinds of function, as they prefix POWERTOOLS_SERVICE_NAME. */
export type FunctionRole = 'ingest' | 'transform' | 'connector' | 'canonical-state' | 'reconcile';

/** A function's service name: Powertools publishes it as the `service` dimension of every metric. */
export function serviceName(role: FunctionRole, name: string): string {
  return `${role}-${name}`;
}

/**
 * The dimension set Powertools publishes for a metric added with `addMetric`: the `service` dimension it adds
 * by itself plus the default dimension the handler sets (`source` or `destination`). A metric added through
 * `singleMetric()` with an extra dimension (reason, field) is another set, read only through search expressions.
 */
export function emfDimensions(role: FunctionRole, name: string): Record<string, string> {
  if (role === 'canonical-state') return { service: serviceName(role, name) };
  const key = role === 'connector' ? 'destination' : 'source';
  return { service: serviceName(role, name), [key]: name };
}

const COUNT_OPTIONS: MetricOptions = { statistic: Stats.SUM, period: Duration.minutes(5) };

function interchangeMetric(role: FunctionRole, name: string, metricName: string, options: MetricOptions): Metric {
  return new Metric({
    namespace: INTERCHANGE_NAMESPACE,
    metricName,
    dimensionsMap: emfDimensions(role, name),
    ...COUNT_OPTIONS,
    ...options,
  });
}

/** A metric of a source's ingest function; summed over five minutes unless told otherwise. */
export function ingestMetric(source: string, metricName: IngestMetricName, options: MetricOptions = {}): Metric {
  return interchangeMetric('ingest', source, metricName, options);
}

/** A metric of a source's transform function; summed over five minutes unless told otherwise. */
export function transformMetric(source: string, metricName: TransformMetricName, options: MetricOptions = {}): Metric {
  return interchangeMetric('transform', source, metricName, options);
}

/** A metric of a destination's connector function; summed over five minutes unless told otherwise. */
export function connectorMetric(
  destination: string,
  metricName: ConnectorMetricName,
  options: MetricOptions = {},
): Metric {
  return interchangeMetric('connector', destination, metricName, options);
}

/** A metric of a source's reconcile function; summed over five minutes unless told otherwise. */
export function reconcileMetric(source: string, metricName: ReconcileMetricName, options: MetricOptions = {}): Metric {
  return interchangeMetric('reconcile', source, metricName, options);
}

/** Changes of a source whose webhooks never came, summed over every canonical type, for an alarm. */
export function totalMissedWebhooks(source: string, period = Duration.minutes(5)): MathExpression {
  return sumOverDimension(
    'MissedWebhooks',
    serviceName('reconcile', source),
    'type',
    `${source} missed webhooks`,
    period,
  );
}

/** One line per rejection reason of a source, including reasons added after this dashboard was built. */
export function rejectionsByReason(source: string, period = Duration.minutes(5)): SearchExpression {
  return new SearchExpression({
    expression: `SEARCH('{${INTERCHANGE_NAMESPACE},reason,service,source} MetricName="WebhookRejected" service="${serviceName('ingest', source)}"', 'Sum', ${period.toSeconds()})`,
    label: '',
    period,
  });
}

/** One line per vendor field that drifted: the field dimension is open-ended, so only a search can list it. */
export function driftByField(source: string, period = Duration.minutes(5)): SearchExpression {
  return new SearchExpression({
    expression: `SEARCH('{${INTERCHANGE_NAMESPACE},field,service,source} MetricName="FormatDrift" service="${serviceName('transform', source)}"', 'Sum', ${period.toSeconds()})`,
    label: '',
    period,
  });
}

/** Drift of a source summed over every field, for an alarm. */
export function totalDrift(source: string, period = Duration.minutes(5)): MathExpression {
  return sumOverDimension(
    'FormatDrift',
    serviceName('transform', source),
    'field',
    `${source} drifted records`,
    period,
  );
}

/**
 * One service's metric summed over an open-ended dimension (a canonical type, a drifted field), for an alarm: alarms
 * cannot use SEARCH, but they can use a Metrics Insights query, which aggregates across the dimension.
 */
function sumOverDimension(
  metricName: string,
  service: string,
  dimension: string,
  label: string,
  period: Duration,
): MathExpression {
  // The schema names the metric's dimension keys in alphabetical order, as CloudWatch's console writes them.
  const keys = [dimension, 'service', 'source'].sort().join(', ');
  return new MathExpression({
    expression: `SELECT SUM(${metricName}) FROM SCHEMA("${INTERCHANGE_NAMESPACE}", ${keys}) WHERE service = '${service}'`,
    label,
    period,
  });
}

/**
 * Share of a destination's delivery attempts that failed and will be retried, in percent. Below the minimum
 * number of attempts in a period it reads 0, so a trickle of traffic with one failure does not page anyone.
 */
export function deliveryErrorRate(
  destination: string,
  minimumAttempts: number,
  period = Duration.minutes(5),
): MathExpression {
  return new MathExpression({
    expression:
      `IF(FILL(delivered, 0) + FILL(failed, 0) >= ${minimumAttempts}, ` +
      `100 * FILL(failed, 0) / (FILL(delivered, 0) + FILL(failed, 0)), 0)`,
    usingMetrics: {
      delivered: connectorMetric(destination, 'Delivered', { period }),
      failed: connectorMetric(destination, 'DeliveryFailed', { period }),
    },
    label: `${destination} error rate (%)`,
    period,
  });
}
