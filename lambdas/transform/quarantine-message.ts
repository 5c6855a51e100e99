import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { toMessageAttributes, type EventAttributes } from '../shared/message-attributes';
import type { PayloadIssue } from './mappers';
import type { QuarantineReason } from './decide-record';

/** Attribute values are capped so the raw payload plus its diagnosis always fits one SQS message. */
const MAX_ISSUES_BYTES = 8_192;

/**
 * The quarantine copy of a record: the vendor's bytes untouched (so a replay re-runs the fixed mapper on
 * exactly what arrived) and the reason and failing paths as attributes an engineer can read in the console.
 */
export function quarantineMessage(
  body: string,
  attributes: EventAttributes,
  reason: QuarantineReason,
  issues: readonly PayloadIssue[],
): { body: string; attributes: Record<string, MessageAttributeValue> } {
  return {
    body,
    attributes: {
      ...toMessageAttributes(attributes),
      quarantineReason: { DataType: 'String', StringValue: reason },
      quarantineIssues: { DataType: 'String', StringValue: issuesText(issues) },
    },
  };
}

function issuesText(issues: readonly PayloadIssue[]): string {
  const all = JSON.stringify(issues);
  if (Buffer.byteLength(all) <= MAX_ISSUES_BYTES) return all;
  const kept: PayloadIssue[] = [];
  for (const issue of issues) {
    if (Buffer.byteLength(JSON.stringify([...kept, issue])) > MAX_ISSUES_BYTES - 64) break;
    kept.push(issue);
  }
  return JSON.stringify([...kept, { path: '', message: `${issues.length - kept.length} more issues not shown` }]);
}
