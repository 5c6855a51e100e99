import type { CanonicalEventType } from '../../schemas';
import { logger } from '../shared/logger';
import { metrics, MetricUnit } from '../shared/metrics';
import type { SourcePoll } from './poll-source';
import type { RenewalOutcome } from './subscriptions/renew-subscriptions';

/** A poll in which some stream failed: thrown so the schedule retries it; each stream resumes at its cursor. */
export class PollFailedError extends Error {
  override readonly name = 'PollFailedError';
}

/** A subscription check that left a subscription to lapse: thrown so the schedule retries it. */
export class RenewalFailedError extends Error {
  override readonly name = 'RenewalFailedError';
}

/** `MissedWebhooks` by source and canonical type, for one page whose missed changes are on the ingest queue. */
export function recordMissed(missedByType: ReadonlyMap<CanonicalEventType, number>): void {
  for (const [type, count] of missedByType) {
    const metric = metrics.singleMetric();
    metric.addDimension('type', type);
    metric.addMetric('MissedWebhooks', MetricUnit.Count, count);
  }
}

/**
 * One line per stream polled, and `PollFailed` per stream that stopped on a failure (alarmed: reconciliation is the
 * safety net, so it must not stop unseen).
 */
export function recordPoll(outcome: SourcePoll): void {
  for (const poll of outcome.polled) {
    const missed = [...poll.missedByType.values()].reduce((sum, count) => sum + count, 0);
    logger.info('stream polled', {
      stream: poll.stream,
      since: poll.window?.since,
      until: poll.window?.until,
      pages: poll.pages,
      listed: poll.listed,
      sent: poll.sent,
      missed,
      unmapped: poll.unmapped,
      finished: poll.finished,
      ...(poll.overtaken ? { overtaken: true } : {}),
    });
  }
  for (const failure of outcome.failed) {
    metrics.addMetric('PollFailed', MetricUnit.Count, 1);
    logger.error('stream poll failed; the next poll resumes at its cursor', {
      stream: failure.stream,
      error: failure.error,
    });
  }
  if (outcome.failed.length > 0) {
    throw new PollFailedError(`poll failed for ${outcome.failed.map((failure) => failure.stream).join(', ')}`);
  }
}

/** One line per check, and `SubscriptionRenewalFailed` per subscription left to lapse (alarmed). */
export function recordRenewal(outcome: RenewalOutcome): void {
  logger.info('subscriptions checked', {
    kept: outcome.kept,
    renewed: outcome.renewed,
    created: outcome.created,
    enabled: outcome.enabled,
    failed: outcome.failed.length,
  });
  if (outcome.renewed + outcome.created + outcome.enabled > 0) {
    metrics.addMetric('SubscriptionsRenewed', MetricUnit.Count, outcome.renewed + outcome.created + outcome.enabled);
  }
  for (const failure of outcome.failed) {
    metrics.addMetric('SubscriptionRenewalFailed', MetricUnit.Count, 1);
    logger.error('subscription not kept alive', { subscription: failure.subscription, detail: failure.detail });
  }
  if (outcome.failed.length > 0) {
    throw new RenewalFailedError(`${outcome.failed.length} subscription(s) not kept alive`);
  }
}
