import { reconcileMetrics } from '../../../bench/e2e/metric-reconciliation';
import { MetricTally } from '../../../local/observe/metric-tally';

/** An EMF document as Powertools Metrics prints it. */
const emf = (dimension: Record<string, string>, values: Record<string, number>) =>
  JSON.stringify({
    _aws: {
      Timestamp: 0,
      CloudWatchMetrics: [
        {
          Namespace: 'Interchange',
          Dimensions: [Object.keys(dimension)],
          Metrics: Object.keys(values).map((Name) => ({ Name })),
        },
      ],
    },
    ...dimension,
    ...values,
  });

describe('reconcileMetrics', () => {
  it('sums the functions’ counts across dimensions and says what is still unsettled', () => {
    const tally = new MetricTally();
    tally.accept(emf({ source: 'storefront' }, { WebhookAccepted: 3, EventsMapped: 9 }));
    tally.accept(emf({ source: 'payments' }, { WebhookAccepted: 1, EventsMapped: 3 }));
    tally.accept(emf({ destination: 'erp' }, { Delivered: 4, DuplicateSkipped: 1, DeliveryFailed: 2 }));
    tally.accept(emf({ destination: 'analytics' }, { Delivered: 3, NotApplicable: 1, RateLimited: 1 }));
    tally.accept(emf({ service: 'canonical-state-writer' }, { CanonicalStateWritten: 2, CanonicalStateStale: 1 }));
    expect(reconcileMetrics(tally)).toEqual({
      webhookAccepted: 4,
      webhookRejected: 0,
      eventsMapped: 12,
      recordsQuarantined: 0,
      partialHeldBack: 0,
      delivered: 7,
      notApplicable: 1,
      staleDropped: 0,
      deliveryDeadLettered: 0,
      canonicalState: 3,
      duplicateSkipped: 1,
      deferred: 3,
      unsettled: 1,
    });
  });
});
