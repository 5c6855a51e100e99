import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { QueueWithDeadLetter } from '../queue-with-dead-letter';
import type { AlarmThresholds } from './alarm-thresholds';
import { ingestMetric, totalDrift } from './interchange-metrics';
import { RUNBOOK_SECTIONS, type OnCallPager } from './on-call-pager';
import { pageWhenMessagesAge, pageWhenNotEmpty } from './queue-alarms';

export interface SourceAlarmsProps {
  readonly pager: OnCallPager;
  readonly source: string;
  /** The source's ingest queue; its dead-letter queue is the quarantine. */
  readonly ingest: QueueWithDeadLetter;
  readonly thresholds: AlarmThresholds;
}

/**
 * The alarms of one source's side of the pipeline: webhooks refused or not enqueued at the door, records the
 * transform cannot map, and records waiting too long to be mapped.
 */
export class SourceAlarms extends Construct {
  constructor(scope: Construct, id: string, props: SourceAlarmsProps) {
    super(scope, id);
    const { pager, source, ingest, thresholds } = props;
    // Each of these metrics is published only when its event happens, so a period without data is a good one.
    const countAlarm = { evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING };

    pageWhenNotEmpty(this, 'QuarantineNotEmpty', {
      pager,
      queue: ingest.deadLetterQueue,
      meaning: `Records from ${source} are quarantined: they could not be mapped and will not be delivered until replayed.`,
      runbook: RUNBOOK_SECTIONS.quarantineNotEmpty,
      name: `quarantine-${source}-not-empty`,
    });
    pageWhenMessagesAge(this, 'IngestBacklog', {
      pager,
      queue: ingest.queue,
      maxAge: thresholds.ingestOldestMessageAge,
      meaning: `Webhooks from ${source} wait more than ${thresholds.ingestOldestMessageAge.toHumanString()} to be mapped: the ${source} transform is failing or behind.`,
      runbook: RUNBOOK_SECTIONS.ingestBacklog,
      name: `ingest-${source}-backlog`,
    });
    pager.page(this, 'WebhooksUnavailable', {
      meaning: `Verified webhooks from ${source} are answered 503 and not enqueued: the vendor is retrying them.`,
      runbook: RUNBOOK_SECTIONS.webhooksUnavailable,
      name: `ingest-${source}-unavailable`,
      metric: ingestMetric(source, 'WebhookUnavailable'),
      threshold: thresholds.webhooksUnavailable,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      ...countAlarm,
    });
    pager.page(this, 'SignatureFailures', {
      meaning: `Webhooks from ${source} fail signature or timestamp checks: a signing secret rotated on one side only, or a probe.`,
      runbook: RUNBOOK_SECTIONS.signatureFailures,
      name: `ingest-${source}-signature-failures`,
      metric: ingestMetric(source, 'SignatureFailure'),
      threshold: thresholds.signatureFailures,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      ...countAlarm,
    });
    pager.page(this, 'FormatDrift', {
      meaning: `${source} changed its payload format: records no longer fit the mapper and go to quarantine.`,
      runbook: RUNBOOK_SECTIONS.formatDrift,
      name: `transform-${source}-format-drift`,
      metric: totalDrift(source),
      threshold: thresholds.driftedRecords,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      ...countAlarm,
    });
  }
}
