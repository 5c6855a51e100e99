import type { InterchangeConfig, SourceConfig } from '../../config/schema';
import { requestFor } from '../../lambdas/connector/destinations';
import { mapCompletingPartials } from '../../lambdas/transform/complete-partial';
import { fullRecordFetcher } from '../../lambdas/transform/fetch-full-record';
import { splitVendorRecord } from '../../lambdas/transform/mappers';
import type { ApiAuth } from '../../lambdas/shared/auth';
import type { WorkloadWebhook } from './workload';

/** Destination name to the number of events one webhook should make it receive. */
export type ExpectedDeliveries = ReadonlyMap<string, number>;

/** A webhook the pipeline would not deliver in full: the workload holds a payload that does not fit. */
export class UndeliverableWebhookError extends Error {
  override readonly name = 'UndeliverableWebhookError';
}

/**
 * The events one webhook must deliver to each destination, worked out with the pipeline's own pure code: the transform's
 * mapping (completing from the records the source's API serves), the routing table, and each destination module's
 * choice to send (a destination is never sent back what it reported itself). Nothing here restates those rules.
 */
export async function expectedDeliveries(
  config: InterchangeConfig,
  webhook: WorkloadWebhook,
): Promise<ExpectedDeliveries> {
  const source = config.sources.find((candidate) => candidate.name === webhook.source);
  if (!source) throw new UndeliverableWebhookError(`no source "${webhook.source}" in the configuration`);
  const record = {
    source: webhook.source,
    eventType: webhook.eventType,
    body: webhook.body,
    correlationId: 'bench-expected-deliveries',
    receivedAt: new Date(0).toISOString(),
  };
  const counts = new Map<string, number>();
  for (const part of splitVendorRecord(record)) {
    const result = await mapCompletingPartials(part, fetcherFor(source, webhook));
    if (!result.ok) {
      const issues = result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      throw new UndeliverableWebhookError(
        `${webhook.source} ${webhook.eventType || '(type in body)'}: ${result.reason}: ${issues}`,
      );
    }
    for (const event of result.events) {
      for (const destination of config.routes[event.type] ?? []) {
        if (requestFor(destination, event)) counts.set(destination, (counts.get(destination) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Local mode's source APIs ask for no credentials. */
const NO_CREDENTIALS: ApiAuth = { headers: async () => ({}), onUnauthorized: () => undefined };

/** The source's read API answering from the webhook's own records, as the fake source API will in the run. */
function fetcherFor(source: SourceConfig, webhook: WorkloadWebhook) {
  if (!source.completion) return undefined;
  const serve = async (request: { url: string }) => {
    const body = webhook.sourceRecords[new URL(request.url).pathname];
    return body === undefined ? { status: 404, headers: {}, body: '' } : { status: 200, headers: {}, body };
  };
  return fullRecordFetcher(source.completion, serve, NO_CREDENTIALS);
}
