import { mapCompletingPartials, type FetchFullRecord } from '../transform/complete-partial';
import { canonicalStateKey } from '../shared/canonical-state-record';
import type { ListedRecord } from './list-apis';
import type { ReconciledRecord } from './missed-changes';

/**
 * Maps a listed record with the transform's own mappers (completing a partial one from the source's API, as the
 * transform does), so its subject and version are exactly those its webhook would have given.
 */
export async function reconcileRecord(
  source: string,
  record: ListedRecord,
  context: { readonly correlationId: string; readonly nowMs: number },
  fetchFullRecord?: FetchFullRecord,
): Promise<ReconciledRecord> {
  const result = await mapCompletingPartials(
    {
      source,
      eventType: record.eventType,
      body: record.body,
      correlationId: context.correlationId,
      receivedAt: new Date(context.nowMs).toISOString(),
    },
    fetchFullRecord,
  );
  if (!result.ok) {
    const issues = result.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    return { record, unmapped: `${result.reason}: ${issues.join('; ')}` };
  }
  return {
    record,
    entities: result.events.map((event) => ({
      type: event.type,
      key: canonicalStateKey(event.type, event.subject),
      version: event.entityversion,
    })),
  };
}
