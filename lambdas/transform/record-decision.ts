import { logger } from '../shared/logger';
import type { EventAttributes } from '../shared/message-attributes';
import { metrics, MetricUnit } from '../shared/metrics';
import type { RecordDecision } from './decide-record';

/**
 * One log line per record and the counts on-call alarms read: drift by field (the alarm names what the
 * vendor changed), partial and quarantined records, and unknown fields the mappers tolerated.
 */
export function recordDecision(
  decision: RecordDecision,
  attributes: EventAttributes,
  unknownFields: readonly string[],
): void {
  const context = { correlationId: attributes.correlationId, eventType: attributes.eventType };
  if (unknownFields.length > 0) metrics.addMetric('UnknownFields', MetricUnit.Count, unknownFields.length);
  switch (decision.kind) {
    case 'deliver':
      metrics.addMetric('EventsMapped', MetricUnit.Count, decision.deliveries.length);
      if (decision.unrouted.length > 0) metrics.addMetric('EventsUnrouted', MetricUnit.Count, decision.unrouted.length);
      logger.info('record mapped', { ...context, deliveries: decision.deliveries.length, unrouted: decision.unrouted });
      return;
    case 'hold-back':
      metrics.addMetric('PartialHeldBack', MetricUnit.Count, 1);
      logger.warn('partial record held back', { ...context, issues: decision.issues });
      return;
    case 'quarantine':
      metrics.addMetric('RecordsQuarantined', MetricUnit.Count, 1);
      if (decision.reason === 'drift') {
        for (const path of new Set(decision.issues.map((issue) => issue.path))) {
          const drift = metrics.singleMetric();
          drift.addDimension('field', path || '(root)');
          drift.addMetric('FormatDrift', MetricUnit.Count, 1);
        }
      }
      logger.warn('record quarantined', { ...context, reason: decision.reason, issues: decision.issues });
  }
}
