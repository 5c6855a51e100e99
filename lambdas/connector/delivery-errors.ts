/**
 * Why a send is put off. Only `failed` means the destination was tried (it failed, or gave no answer) and spends
 * the attempt budget; the others wait for something: the circuit to close, a rate token, the destination's own
 * rate (429), another change of the subject or another copy of the event being delivered elsewhere.
 */
export type DeferralReason =
  'circuit-open' | 'rate-limited' | 'throttled' | 'version-busy' | 'in-progress-elsewhere' | 'failed';

/** Whether a deferral spent an attempt: the destination was tried. */
export function spendsAttempt(reason: DeferralReason): boolean {
  return reason === 'failed';
}

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
