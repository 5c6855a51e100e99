import fc from 'fast-check';
import type { QueueEngine, ReceivedMessage } from '../../../local/sqs';
import { MessageMoveTasks } from '../../../local/sqs/message-move-tasks';
import { SqsError } from '../../../local/sqs/sqs-error';
import { engineWithClock } from './helpers/engine-with-clock';

type Action =
  | { readonly kind: 'send'; readonly group: number }
  | { readonly kind: 'receive'; readonly fromDeadLetter: boolean; readonly max: number; readonly visibility: number }
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'changeVisibility'; readonly pick: number; readonly seconds: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'redrive' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), group: fc.integer({ min: 0, max: 2 }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      fromDeadLetter: fc.boolean(),
      max: fc.integer({ min: 1, max: 10 }),
      visibility: fc.integer({ min: 0, max: 3 }),
    }),
  },
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('changeVisibility' as const),
    pick: fc.nat(),
    seconds: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 4_000 }) }),
  fc.record({ kind: fc.constant('redrive' as const) }),
);

// Long enough runs, receive-heavy, that messages use up their receives and dead-letter.
const actions = fc.array(action, { minLength: 20, maxLength: 80 });

interface Held {
  readonly queue: string;
  readonly received: ReceivedMessage;
}

function setUp(fifo: boolean) {
  const clock = engineWithClock();
  const suffix = fifo ? '.fifo' : '';
  const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {};
  const source = `source${suffix}`;
  const deadLetter = `dead-letter${suffix}`;
  clock.engine.createQueue(deadLetter, fifoAttributes);
  clock.engine.createQueue(source, {
    ...fifoAttributes,
    VisibilityTimeout: '2',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: clock.engine.arnOf(deadLetter), maxReceiveCount: 2 }),
  });
  return { ...clock, source, deadLetter, moveTasks: new MessageMoveTasks(clock.engine) };
}

function stored(engine: QueueEngine, queues: readonly string[]): number {
  return queues
    .map((queue) => engine.counts(queue))
    .reduce((total, counts) => total + counts.visible + counts.inFlight + counts.delayed, 0);
}

function tolerateSqsError(act: () => void): void {
  try {
    act();
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
  }
}

describe('QueueEngine conservation', () => {
  it.each([false, true])('never loses or duplicates a message under any interleaving (fifo: %s)', (fifo) => {
    fc.assert(
      fc.property(actions, (actions) => {
        const { engine, advance, source, deadLetter, moveTasks } = setUp(fifo);
        const held: Held[] = [];
        let sent = 0;
        let deleted = 0;
        for (const step of actions) {
          if (step.kind === 'send') {
            sent += 1;
            engine.send(
              source,
              {
                MessageBody: `m${sent}`,
                MessageGroupId: `g${step.group}`,
                MessageDeduplicationId: fifo ? `d${sent}` : undefined,
              },
              'tester',
            );
          } else if (step.kind === 'receive') {
            const queue = step.fromDeadLetter ? deadLetter : source;
            const received = engine.receive(queue, step.max, step.visibility);
            expect(new Set(received.map(({ message }) => message.messageId)).size).toBe(received.length);
            held.push(...received.map((message) => ({ queue, received: message })));
          } else if (step.kind === 'delete' && held.length > 0) {
            const { queue, received } = held.splice(step.pick % held.length, 1)[0] as Held;
            if (engine.deleteMessage(queue, received.receiptHandle)) deleted += 1;
          } else if (step.kind === 'changeVisibility' && held.length > 0) {
            const { queue, received } = held[step.pick % held.length] as Held;
            tolerateSqsError(() => engine.changeVisibility(queue, received.receiptHandle, step.seconds));
          } else if (step.kind === 'advance') {
            advance(step.ms);
          } else if (step.kind === 'redrive') {
            moveTasks.start(engine.arnOf(deadLetter));
          }
          expect(stored(engine, [source, deadLetter]) + deleted).toBe(sent);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('QueueEngine FIFO order', () => {
  it('delivers a message of a group only after every earlier message of that group is deleted or in the same batch', () => {
    fc.assert(
      fc.property(actions, (actions) => {
        const { engine, advance } = setUp(true);
        engine.createQueue('ordered.fifo', { FifoQueue: 'true', VisibilityTimeout: '2' });
        const sentByGroup = new Map<string, string[]>();
        const deletedIds = new Set<string>();
        const held: ReceivedMessage[] = [];
        let sent = 0;
        for (const step of actions) {
          if (step.kind === 'send') {
            sent += 1;
            const group = `g${step.group}`;
            const { MessageId } = engine.send(
              'ordered.fifo',
              { MessageBody: `m${sent}`, MessageGroupId: group, MessageDeduplicationId: `d${sent}` },
              'tester',
            );
            sentByGroup.set(group, [...(sentByGroup.get(group) ?? []), MessageId]);
          } else if (step.kind === 'receive') {
            const batch = engine.receive('ordered.fifo', step.max, step.visibility);
            const batchIds = batch.map(({ message }) => message.messageId);
            batch.forEach(({ message }, index) => {
              const earlier = (sentByGroup.get(message.messageGroupId ?? '') ?? []).slice(
                0,
                (sentByGroup.get(message.messageGroupId ?? '') ?? []).indexOf(message.messageId),
              );
              const pending = earlier.filter((id) => !deletedIds.has(id) && !batchIds.slice(0, index).includes(id));
              expect(pending).toEqual([]);
            });
            held.push(...batch);
          } else if (step.kind === 'delete' && held.length > 0) {
            const received = held.splice(step.pick % held.length, 1)[0] as ReceivedMessage;
            if (engine.deleteMessage('ordered.fifo', received.receiptHandle))
              deletedIds.add(received.message.messageId);
          } else if (step.kind === 'advance') {
            advance(step.ms);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
