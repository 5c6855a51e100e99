import { matchesFilter, parkedMessageOf } from '../../cli/parked-messages';

const message = (attributes: Record<string, string>, sentAt = '2026-12-01T10:00:00.000Z', movedFrom?: string) =>
  parkedMessageOf({
    MessageId: `m-${attributes.correlationId}`,
    ReceiptHandle: 'r',
    Body: '{}',
    Attributes: {
      SentTimestamp: String(Date.parse(sentAt)),
      ...(movedFrom ? { DeadLetterQueueSourceArn: movedFrom } : {}),
    },
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    ),
  });

describe('parkedMessageOf', () => {
  test('reads why the transform or the connector parked it, and a move by SQS as max-receives', () => {
    expect(message({ correlationId: 'a', quarantineReason: 'drift', quarantineIssues: '[]' })).toMatchObject({
      reason: 'drift',
      detail: '[]',
    });
    expect(message({ correlationId: 'b', failureReason: 'refused-422', failureDetail: 'HTTP 422' })).toMatchObject({
      reason: 'refused-422',
      detail: 'HTTP 422',
    });
    expect(message({ correlationId: 'c' }, undefined, 'arn:aws:sqs:us-east-1:1:q')).toMatchObject({
      reason: 'max-receives',
      movedFrom: 'arn:aws:sqs:us-east-1:1:q',
    });
  });
});

describe('matchesFilter', () => {
  const parked = message({ correlationId: 'c-1', eventType: 'orders/create', failureReason: 'refused-422' });

  test.each([
    [{}, true],
    [{ type: 'orders/create' }, true],
    [{ type: 'orders/updated' }, false],
    [{ reason: 'refused' }, true],
    [{ reason: 'refused-422' }, true],
    [{ reason: 'refused-4' }, false],
    [{ sinceMs: Date.parse('2026-12-01T09:00:00Z'), untilMs: Date.parse('2026-12-01T11:00:00Z') }, true],
    [{ sinceMs: Date.parse('2026-12-01T10:00:01Z') }, false],
    [{ untilMs: Date.parse('2026-12-01T09:59:59Z') }, false],
    [{ ids: ['c-1'] }, true],
    [{ ids: ['m-c-1'] }, true],
    [{ ids: ['c-2'] }, false],
    [{ type: 'orders/create', reason: 'drift' }, false],
  ])('%j -> %s', (filter, expected) => {
    expect(matchesFilter(parked, filter)).toBe(expected);
  });
});
