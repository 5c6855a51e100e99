import type { SQSRecord } from 'aws-lambda';
import { CANONICAL_STATE_DESTINATION } from '../../config/schema';
import { canonicalEventSchema } from '../../schemas';
import { eventLogFields, recordLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import { fromMessageAttributes } from '../shared/message-attributes';
import { metrics, MetricUnit } from '../shared/metrics';
import { tracedRecord } from '../shared/trace-annotations';
import { writeCanonicalState, type StateWritePorts } from './write-canonical-state';

/** Thrown for a record that is not a canonical event: it fails alone and reaches the dead-letter queue by redrive. */
export class NotCanonicalEventError extends Error {
  override readonly name = 'NotCanonicalEventError';
}

/**
 * Keeps one queued canonical event as its entity's state, newer-wins: one line and one count per record (written,
 * stale or duplicate). A refusal is not a failure; a failed write throws, so the batch reports this record alone.
 */
export function processStateRecord(record: SQSRecord, ports: StateWritePorts): Promise<void> {
  const attributes = fromMessageAttributes(record.messageAttributes);
  const annotations = {
    correlationId: attributes.correlationId,
    destination: 'canonical-state',
    eventType: attributes.eventType,
  };
  return tracedRecord(CANONICAL_STATE_DESTINATION, annotations, async () => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const parsed = canonicalEventSchema.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      logger.error('not a canonical event; left for the dead-letter queue', { ...recordLogFields(attributes), detail });
      throw new NotCanonicalEventError(detail);
    }
    const event = parsed.data;
    const context = { ...eventLogFields(attributes, event), entityVersion: event.entityversion };
    const outcome = await writeCanonicalState(event, ports);
    switch (outcome.kind) {
      case 'written':
        metrics.addMetric('CanonicalStateWritten', MetricUnit.Count, 1);
        logger.info('canonical state written', context);
        return;
      case 'stale':
        metrics.addMetric('CanonicalStateStale', MetricUnit.Count, 1);
        logger.info('stale update kept out of canonical state', {
          ...context,
          storedVersion: outcome.stored.entityVersion,
        });
        return;
      case 'duplicate':
        metrics.addMetric('CanonicalStateDuplicate', MetricUnit.Count, 1);
        logger.info('duplicate skipped by canonical state', context);
    }
  });
}
