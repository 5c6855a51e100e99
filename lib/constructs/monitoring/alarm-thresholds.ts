import { Duration } from 'aws-cdk-lib';

/**
 * When on-call is paged. A count alarm fires when its five-minute count exceeds the threshold, so 0 pages on the
 * first occurrence.
 */
export interface AlarmThresholds {
  /**
   * Age of the oldest message in an ingest queue. Mapping takes milliseconds, but a partial record held back
   * waits a visibility timeout (three minutes) per attempt, so a healthy queue can hold one for a few minutes.
   */
  readonly ingestOldestMessageAge: Duration;
  /** Age of the oldest message in a delivery queue; a destination outage or a rate cut shows here first. */
  readonly deliveryOldestMessageAge: Duration;
  /** API Gateway 5xx answers (vendors retry them, but a run of them means webhooks are not getting in). */
  readonly apiServerErrors: number;
  /** Webhooks verified but not enqueued (answered 503) by one source's ingest function. */
  readonly webhooksUnavailable: number;
  /** Bad signatures and stale timestamps of one source: a secret rotated on one side only, or a probe. */
  readonly signatureFailures: number;
  /** Drifted records of one source: the payload will not change by waiting, so the default pages on the first. */
  readonly driftedRecords: number;
  /** How long a destination's circuit may stay open before a person looks at the destination. */
  readonly circuitOpenFor: Duration;
  /** Share of a destination's delivery attempts that failed, in percent. */
  readonly deliveryErrorRatePercent: number;
  /** Attempts a destination needs in a period before its error rate counts. */
  readonly deliveryErrorRateMinimumAttempts: number;
  /** Invocation errors of one function (a crash or timeout, not a record reported as failed). */
  readonly functionErrors: number;
  /** Throttled invocations of one function; any means the account's concurrency ran out. */
  readonly functionThrottles: number;
  /**
   * Changes of one source found by reconciliation whose webhooks never came, per five minutes. A few are a
   * vendor's ordinary dropped delivery; more mean its webhooks stopped reaching Interchange.
   */
  readonly missedWebhooks: number;
}

/** Defaults that page on a real problem and stay quiet through a vendor's ordinary retry noise. */
export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  ingestOldestMessageAge: Duration.minutes(20),
  deliveryOldestMessageAge: Duration.minutes(30),
  apiServerErrors: 5,
  webhooksUnavailable: 5,
  signatureFailures: 10,
  driftedRecords: 0,
  circuitOpenFor: Duration.minutes(15),
  deliveryErrorRatePercent: 10,
  deliveryErrorRateMinimumAttempts: 10,
  functionErrors: 2,
  functionThrottles: 0,
  missedWebhooks: 5,
};

/** A threshold CloudWatch cannot evaluate or that could never fire; the message names the field. */
export class AlarmThresholdError extends Error {
  override readonly name = 'AlarmThresholdError';
  constructor(
    readonly field: keyof AlarmThresholds,
    message: string,
  ) {
    super(`alarm threshold ${field}: ${message}`);
  }
}

/** CloudWatch evaluates at most one day of one-minute periods. */
const MAX_EVALUATION_MINUTES = 24 * 60;

/** The defaults with the given overrides applied, each checked so a bad value fails synth, not the alarm. */
export function resolveAlarmThresholds(overrides: Partial<AlarmThresholds> = {}): AlarmThresholds {
  const thresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...overrides };
  for (const field of ['ingestOldestMessageAge', 'deliveryOldestMessageAge'] as const) {
    const seconds = thresholds[field].toSeconds();
    if (!(seconds >= 60)) throw new AlarmThresholdError(field, `must be at least one minute, got ${seconds} s`);
  }
  const circuitMinutes = thresholds.circuitOpenFor.toSeconds() / 60;
  if (!Number.isInteger(circuitMinutes) || circuitMinutes < 1 || circuitMinutes > MAX_EVALUATION_MINUTES) {
    throw new AlarmThresholdError(
      'circuitOpenFor',
      `must be whole minutes from 1 to ${MAX_EVALUATION_MINUTES}, got ${circuitMinutes} min`,
    );
  }
  for (const field of [
    'apiServerErrors',
    'webhooksUnavailable',
    'signatureFailures',
    'driftedRecords',
    'functionErrors',
    'functionThrottles',
    'missedWebhooks',
    'deliveryErrorRateMinimumAttempts',
  ] as const) {
    const value = thresholds[field];
    if (!Number.isInteger(value) || value < 0) {
      throw new AlarmThresholdError(field, `must be a whole number of at least 0, got ${value}`);
    }
  }
  const percent = thresholds.deliveryErrorRatePercent;
  if (!(percent > 0 && percent <= 100)) {
    throw new AlarmThresholdError('deliveryErrorRatePercent', `must be above 0 and at most 100, got ${percent}`);
  }
  return thresholds;
}
