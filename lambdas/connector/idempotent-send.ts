import type { DestinationConfig } from '../../config/schema';
import { deliverEvent, type DeliveryPorts } from './deliver-event';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import type { DeliveryReceipt, IdempotentDelivery } from './process-record';

/**
 * The function idempotency wraps: it returns a receipt only when the destination took the event, and
 * throws otherwise, so Powertools stores successes alone and a failed attempt can be made again.
 */
export function idempotentSend(
  destination: DestinationConfig,
  ports: DeliveryPorts,
): (delivery: IdempotentDelivery) => Promise<DeliveryReceipt> {
  return async ({ event, attemptToken }) => {
    const outcome = await deliverEvent(destination, event, ports);
    switch (outcome.kind) {
      case 'delivered':
        return { attemptToken, status: outcome.status };
      case 'not-applicable':
        return { attemptToken, status: 'not-applicable' };
      case 'transient':
        throw new TransientDeliveryError(outcome);
      case 'permanent':
        throw new PermanentDeliveryError(`refused-${outcome.status}`, outcome.detail);
    }
  };
}
