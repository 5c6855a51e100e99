import { canonicalEventLogFields, recordLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import type { EventAttributes } from '../shared/message-attributes';
import { metrics, MetricUnit } from '../shared/metrics';
import type { Delivery, RecordDecision } from './decide-record';

/**
 * One log line per record and the counts on-call alarms read: drift by field (the alarm names what the
 * vendor changed), partial and quarantined records, and unknown fields the mappers tolerated.
 */
export function recordDecision(
  decision: RecordDecision,
  attributes: EventAttributes,
  unknownFields: readonly string[],
): void {
  const context = recordLogFields(attributes);
  if (unknownFields.length > 0) metrics.addMetric('UnknownFields', MetricUnit.Count, unknownFields.length);
  switch (decision.kind) {
    case 'deliver':
      metrics.addMetric('EventsMapped', MetricUnit.Count, decision.deliveries.length);
      if (decision.unrouted.length > 0) metrics.addMetric('EventsUnrouted', MetricUnit.Count, decision.unrouted.length);
      logger.info('record mapped', { ...context, ...mappedEvents(decision.deliveries), unrouted: decision.unrouted });
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

/**
 * Which canonical events the record became and where each goes. A record that became one event (the usual
 * case) also names it in the top-level `eventId` and `entity`, so a query finds it without reaching into `events`.
 */
function mappedEvents(deliveries: readonly Delivery[]) {
  const byId = new Map<string, { eventId: string; entity: string; entityName?: string; destinations: string[] }>();
  for (const { event, target } of deliveries) {
    const { eventId, entity, entityName } = canonicalEventLogFields(event);
    const mapped = byId.get(eventId) ?? { eventId, entity, ...(entityName ? { entityName } : {}), destinations: [] };
    mapped.destinations.push(target.destination);
    byId.set(eventId, mapped);
  }
  const events = [...byId.values()];
  const only = events.length === 1 ? events[0]! : undefined;
  return {
    ...(only
      ? { eventId: only.eventId, entity: only.entity, ...(only.entityName ? { entityName: only.entityName } : {}) }
      : {}),
    deliveries: deliveries.length,
    events,
  };
}
