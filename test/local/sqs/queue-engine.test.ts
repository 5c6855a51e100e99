import { SqsError } from '../../../local/sqs/sqs-error';
import { engineWithClock, sendBodies } from './helpers/engine-with-clock';

const bodiesOf = (received: readonly { message: { body: string } }[]): string[] =>
  received.map(({ message }) => message.body);

describe('QueueEngine visibility', () => {
  it('hides a received message until its visibility timeout passes, then delivers it again', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('work', { VisibilityTimeout: '30' });
    sendBodies(engine, 'work', ['a']);

    const [first] = engine.receive('work', 10);
    advance(29_999);
    const hidden = engine.receive('work', 10);
    advance(1);
    const [again] = engine.receive('work', 10);

    expect(first?.message.body).toBe('a');
    expect(hidden).toEqual([]);
    expect(again?.message.receiveCount).toBe(2);
    expect(again?.receiptHandle).not.toBe(first?.receiptHandle);
  });

  it('keeps a delayed message out of reach and counted as delayed until its delay ends', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('delayed', { DelaySeconds: '5' });
    sendBodies(engine, 'delayed', ['later']);

    const early = engine.receive('delayed', 1);
    const countsWhileDelayed = engine.counts('delayed');
    advance(5_000);

    expect(early).toEqual([]);
    expect(countsWhileDelayed).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect(bodiesOf(engine.receive('delayed', 1))).toEqual(['later']);
  });

  it('deletes only with the latest receipt handle; an earlier one succeeds and deletes nothing', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('handles', { VisibilityTimeout: '1' });
    sendBodies(engine, 'handles', ['x']);
    const [stale] = engine.receive('handles', 1);
    advance(1_000);
    const [current] = engine.receive('handles', 1);

    expect(engine.deleteMessage('handles', stale?.receiptHandle ?? '')).toBe(false);
    expect(engine.counts('handles').inFlight).toBe(1);
    expect(engine.deleteMessage('handles', current?.receiptHandle ?? '')).toBe(true);
    expect(engine.counts('handles')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('refuses a visibility change for a message no longer in flight', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('inflight', { VisibilityTimeout: '1' });
    sendBodies(engine, 'inflight', ['x']);
    const [received] = engine.receive('inflight', 1);
    advance(1_000);

    expect(() => engine.changeVisibility('inflight', received?.receiptHandle ?? '', 10)).toThrow(
      expect.objectContaining({ code: 'MessageNotInflight' }),
    );
  });

  it('drops messages older than the retention period', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('short-lived', { MessageRetentionPeriod: '60' });
    sendBodies(engine, 'short-lived', ['old']);
    advance(60_000);

    expect(engine.counts('short-lived')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('QueueEngine redrive', () => {
  it('moves a message to the dead-letter queue on the receive after its maxReceiveCount-th', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('dlq');
    engine.createQueue('source', {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: engine.arnOf('dlq'), maxReceiveCount: 2 }),
    });
    const [id] = sendBodies(engine, 'source', ['poison']);

    const receives = [1, 2, 3].map(() => {
      const received = engine.receive('source', 1);
      advance(1_000);
      return received.length;
    });
    const [deadLettered] = engine.receive('dlq', 1);

    expect(receives).toEqual([1, 1, 0]);
    expect(deadLettered?.message.messageId).toBe(id);
    expect(deadLettered?.message.deadLetterSourceArn).toBe(engine.arnOf('source'));
  });

  it('rejects a redrive policy whose dead-letter queue does not exist', () => {
    const { engine } = engineWithClock();
    const policy = JSON.stringify({ deadLetterTargetArn: engine.arnOf('missing'), maxReceiveCount: 1 });

    expect(() => engine.createQueue('orphan', { RedrivePolicy: policy })).toThrow(SqsError);
  });
});

describe('QueueEngine FIFO', () => {
  it('delivers a group in order and holds the group while one of its messages is in flight', () => {
    const { engine } = engineWithClock();
    engine.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    sendBodies(engine, 'orders.fifo', ['a1', 'a2'], 'a');
    sendBodies(engine, 'orders.fifo', ['b1'], 'b');

    const first = engine.receive('orders.fifo', 1);
    const second = engine.receive('orders.fifo', 10);
    const whileBothGroupsBusy = engine.receive('orders.fifo', 10);
    engine.deleteMessage('orders.fifo', first[0]?.receiptHandle ?? '');
    const third = engine.receive('orders.fifo', 10);

    expect(bodiesOf(first)).toEqual(['a1']);
    expect(bodiesOf(second)).toEqual(['b1']);
    expect(whileBothGroupsBusy).toEqual([]);
    expect(bodiesOf(third)).toEqual(['a2']);
  });

  it('accepts a repeat within five minutes without storing it, and stores it again afterwards', () => {
    const { engine, advance } = engineWithClock();
    engine.createQueue('dedup.fifo', { FifoQueue: 'true' });
    const send = () =>
      engine.send('dedup.fifo', { MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd-1' }, 'tester');

    const original = send();
    const repeat = send();
    advance(5 * 60_000);
    const later = send();

    expect(repeat.MessageId).toBe(original.MessageId);
    expect(repeat.SequenceNumber).toBe(original.SequenceNumber);
    expect(later.MessageId).not.toBe(original.MessageId);
    expect(engine.counts('dedup.fifo').visible).toBe(2);
  });
});
