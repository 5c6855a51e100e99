import { logger } from '../shared/logger';
import { metrics, MetricUnit } from '../shared/metrics';
import { tracer } from '../shared/tracer';
import type { IngestDecision } from './accept-webhook';
import type { IngestUnavailable } from './http-adapter';

/**
 * One log line, the received/accepted/rejected counts and the trace annotations per webhook; never the body,
 * which may hold personal data.
 */
export function recordOutcome(outcome: IngestDecision | (IngestUnavailable & { readonly error: unknown })): void {
  logger.appendKeys({ correlationId: outcome.correlationId });
  tracer.putAnnotation('correlationId', outcome.correlationId);
  metrics.addMetric('WebhookReceived', MetricUnit.Count, 1);
  if ('unavailable' in outcome) {
    metrics.addMetric('WebhookUnavailable', MetricUnit.Count, 1);
    logger.error('webhook not enqueued; the vendor will retry', { error: outcome.error });
    return;
  }
  if (outcome.accepted) {
    metrics.addMetric('WebhookAccepted', MetricUnit.Count, 1);
    const { eventType, deliveryId } = outcome.message.attributes;
    tracer.putAnnotation('eventType', eventType);
    logger.info('webhook accepted', { eventType, deliveryId, bytes: Buffer.byteLength(outcome.message.body) });
    return;
  }
  if ('handshake' in outcome) {
    logger.info('subscription handshake answered');
    return;
  }
  if ('unrouted' in outcome) {
    const { eventType } = outcome.unrouted;
    const unrouted = metrics.singleMetric();
    unrouted.addDimension('eventType', eventType || '(none)');
    unrouted.addMetric('Unrouted', MetricUnit.Count, 1);
    logger.info('webhook of an unrouted type dropped', { eventType });
    return;
  }
  const rejected = metrics.singleMetric();
  rejected.addDimension('reason', outcome.reason);
  rejected.addMetric('WebhookRejected', MetricUnit.Count, 1);
  if (outcome.reason === 'bad-signature' || outcome.reason === 'stale-timestamp') {
    metrics.addMetric('SignatureFailure', MetricUnit.Count, 1);
  }
  logger.warn('webhook rejected', { status: outcome.status, reason: outcome.reason });
}
