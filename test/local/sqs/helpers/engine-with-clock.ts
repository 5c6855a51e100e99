/** A queue engine on a hand-driven clock, so tests of timing rules (visibility, delay, retention) never sleep. */
import { QueueEngine } from '../../../../local/sqs';

/** An engine and the clock it reads. */
export interface EngineWithClock {
  readonly engine: QueueEngine;
  advance(ms: number): void;
  now(): number;
}

/** A fresh engine whose clock starts at `start` and moves only when told. */
export function engineWithClock(start = Date.UTC(2025, 0, 1)): EngineWithClock {
  let now = start;
  let ids = 0;
  const engine = new QueueEngine({
    now: () => now,
    newId: () => {
      ids += 1;
      return `id-${ids}`;
    },
  });
  return {
    engine,
    advance(ms) {
      now += ms;
    },
    now: () => now,
  };
}

/** Sends each body to the queue, returning the message ids in send order. */
export function sendBodies(
  engine: QueueEngine,
  queueName: string,
  bodies: readonly string[],
  groupId?: string,
): string[] {
  return bodies.map(
    (body) => engine.send(queueName, { MessageBody: body, MessageGroupId: groupId }, 'tester').MessageId,
  );
}
