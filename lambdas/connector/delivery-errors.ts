import type { DeliveryOutcome } from './classify-response';

/** A send that may succeed later; thrown so idempotency forgets the attempt and SQS redelivers the record. */
export class TransientDeliveryError extends Error {
  override readonly name = 'TransientDeliveryError';
  constructor(readonly outcome: Extract<DeliveryOutcome, { kind: 'transient' }>) {
    super(outcome.detail);
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
