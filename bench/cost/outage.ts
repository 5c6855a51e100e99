import type { DestinationConfig } from '../../config/schema';
import type { Prices } from './prices';
import { dollarsFor, type UsagePerWebhook } from './pricing';

/**
 * What a destination's outage costs while events wait for it. While its circuit is open, the connector hands each
 * record it receives back to the queue until the cooldown ends, spread by up to one base delay
 * (lambdas/connector/retry-decision.ts); a record that comes back to a circuit opened again by a failed probe waits
 * once more. So each waiting event is received about once per cooldown and half a base delay, and every such
 * deferral costs its share of a receive, of one ChangeMessageVisibilityBatch, of an invocation and one log line.
 */

/** What one deferral uses, every figure its share of a batch's. */
export type DeferralUsage = Pick<
  UsagePerWebhook,
  'sqsRequests' | 'dynamodbWriteUnits' | 'dynamodbReadUnits' | 'lambdaRequests' | 'lambdaGbSeconds' | 'logBytes'
>;

/** How many times an event waiting on an open circuit is received in an hour. */
export function deferralsPerHour(destination: Pick<DestinationConfig, 'circuitBreaker' | 'retryBaseSeconds'>): number {
  const intervalSeconds = destination.circuitBreaker.cooldownSeconds + destination.retryBaseSeconds / 2;
  return 3600 / intervalSeconds;
}

/**
 * One deferral's usage in a batch of `batchSize` records all deferred: one receive, one visibility change batch
 * (at most ten entries) and one invocation shared by the batch; the circuit state is read once per invocation, and
 * nothing is written (waiting spends no attempt); the invocation's CPU time and its log line are measured.
 */
export function deferralUsage(facts: {
  readonly batchSize: number;
  readonly invocationGbSeconds: number;
  readonly logBytesPerDeferral: number;
  readonly platformLogBytesPerInvocation: number;
}): DeferralUsage {
  const share = 1 / facts.batchSize;
  return {
    sqsRequests: share + Math.ceil(facts.batchSize / 10) * share,
    dynamodbWriteUnits: 0,
    dynamodbReadUnits: 0.5 * share,
    lambdaRequests: share,
    lambdaGbSeconds: facts.invocationGbSeconds * share,
    logBytes: facts.logBytesPerDeferral + facts.platformLogBytesPerInvocation * share,
  };
}

/** Dollars for one hour of outage with a thousand events waiting. */
export function outageCostPerThousandEventsHour(perDeferral: DeferralUsage, perHour: number, prices: Prices): number {
  const usage: UsagePerWebhook = {
    httpApiRequests: 0,
    s3PutRequests: 0,
    s3GetRequests: 0,
    xrayTraces: 0,
    ...perDeferral,
  };
  const parts = dollarsFor(usage, prices, perHour * 1000);
  const total = Object.values(parts).reduce((sum, part) => sum + part, 0);
  return Math.round(total * 10_000) / 10_000;
}
