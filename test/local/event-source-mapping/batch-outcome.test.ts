import { decideBatchOutcome } from '../../../local/event-source-mapping';
import { recordWithId } from './helpers/sqs-messages';

const records = [recordWithId('a'), recordWithId('b'), recordWithId('c')];
const idsOf = (list: readonly { messageId: string }[]): string[] => list.map((record) => record.messageId);

describe('decideBatchOutcome', () => {
  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }])(
    'deletes the whole batch for the success response %p',
    (response) => {
      const outcome = decideBatchOutcome(records, response, true);

      expect(outcome.ok && idsOf(outcome.deleteRecords)).toEqual(['a', 'b', 'c']);
    },
  );

  it('keeps only the records named in batchItemFailures', () => {
    const outcome = decideBatchOutcome(records, { batchItemFailures: [{ itemIdentifier: 'b' }] }, true);

    expect(outcome.ok && idsOf(outcome.deleteRecords)).toEqual(['a', 'c']);
    expect(outcome.ok && idsOf(outcome.failedRecords)).toEqual(['b']);
  });

  it.each([
    ['an unknown message id', { batchItemFailures: [{ itemIdentifier: 'z' }] }],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a misspelt key', { batchItemFailures: [{ itemId: 'a' }] }],
    ['a list that is not a list', { batchItemFailures: 'a' }],
    ['a response that is not an object', 'done'],
  ])('fails the whole batch for %s', (_case, response) => {
    expect(decideBatchOutcome(records, response, true)).toEqual({ ok: false, reason: expect.any(String) });
  });

  it('ignores the response when batch item failures are not reported', () => {
    const outcome = decideBatchOutcome(records, { batchItemFailures: [{ itemIdentifier: 'z' }] }, false);

    expect(outcome.ok && idsOf(outcome.deleteRecords)).toEqual(['a', 'b', 'c']);
  });
});
