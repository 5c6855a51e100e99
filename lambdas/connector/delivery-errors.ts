/** Why a send is put off: the destination is down, over its rate, busy with a newer version, or failing. */
export type DeferralReason = 'circuit-open' | 'rate-limited' | 'throttled' | 'version-busy' | 'failed';

/**
 * A send that may succeed later. Thrown so idempotency forgets the attempt; the connector hands the record back
 * to SQS with a delay of at least `retryAfterSeconds` instead of waiting inside a paid invocation.
 */
export class TransientDeliveryError extends Error {
  override readonly name = 'TransientDeliveryError';
  constructor(
    readonly reason: DeferralReason,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** A send that will never succeed as it is; thrown so idempotency forgets it and a later redrive can retry. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
