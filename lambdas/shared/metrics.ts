import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Namespace every Interchange metric is published under; alarms and the dashboard read it. */
export const METRICS_NAMESPACE = 'Interchange';

/** The one EMF metrics emitter of a function; flushed after each invocation by the handler's middleware. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });

export { MetricUnit };
