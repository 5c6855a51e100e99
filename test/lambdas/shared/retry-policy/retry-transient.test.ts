import fc from 'fast-check';
import { retryTransient, type AttemptFailure, type PlannedRetry } from '../../../../lambdas/shared/retry-policy';

type Answer = { kind: 'delivered' } | { kind: 'transient'; retryAfterMs?: number } | { kind: 'permanent' };

class FlakyError extends Error {
  override readonly name = 'FlakyError';
}

/** A clock that only moves when told, so deadlines are decided without real waiting. */
function manualClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const transientAnswer = (failure: AttemptFailure<Answer>): boolean =>
  'error' in failure ? failure.error instanceof FlakyError : failure.value.kind === 'transient';

/** Tiny delays, so the real sleeps cockatiel makes cost a few milliseconds at most. */
function optionsWith(clock: ReturnType<typeof manualClock>, retries: PlannedRetry<Answer>[]) {
  return {
    maxAttempts: 5,
    baseMs: 1,
    capMs: 4,
    deadlineMs: clock.now() + 60_000,
    isTransient: transientAnswer,
    retryAfterMs: (failure: AttemptFailure<Answer>) =>
      'value' in failure && failure.value.kind === 'transient' ? failure.value.retryAfterMs : undefined,
    onRetry: (retry: PlannedRetry<Answer>) => {
      retries.push(retry);
      clock.advance(retry.delayMs);
    },
    now: clock.now,
    random: () => 0.999,
  };
}

function scripted(answers: (Answer | Error)[]) {
  const attempt = jest.fn(async (_signal: AbortSignal): Promise<Answer> => {
    const next = answers.shift() ?? { kind: 'delivered' };
    if (next instanceof Error) throw next;
    return next;
  });
  return attempt;
}

describe('retryTransient', () => {
  test('a first success is returned without a retry', async () => {
    const attempt = scripted([{ kind: 'delivered' }]);
    const retries: PlannedRetry<Answer>[] = [];

    await expect(retryTransient(attempt, optionsWith(manualClock(), retries))).resolves.toEqual({ kind: 'delivered' });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(retries).toEqual([]);
  });

  test('transient errors and transient answers are retried on the backoff schedule until one succeeds', async () => {
    const attempt = scripted([new FlakyError('reset'), { kind: 'transient' }, new FlakyError('timeout')]);
    const retries: PlannedRetry<Answer>[] = [];

    await expect(retryTransient(attempt, optionsWith(manualClock(), retries))).resolves.toEqual({ kind: 'delivered' });
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(retries.map(({ retry, delayMs }) => [retry, delayMs])).toEqual([
      [1, 0],
      [2, 1],
      [3, 3],
    ]);
  });

  test('a permanent error is thrown at once and a permanent answer returned at once', async () => {
    const refused = new Error('400 bad request');
    const throwing = scripted([refused]);
    const answering = scripted([{ kind: 'permanent' }]);

    await expect(retryTransient(throwing, optionsWith(manualClock(), []))).rejects.toBe(refused);
    await expect(retryTransient(answering, optionsWith(manualClock(), []))).resolves.toEqual({ kind: 'permanent' });
    expect(throwing).toHaveBeenCalledTimes(1);
    expect(answering).toHaveBeenCalledTimes(1);
  });

  test('after maxAttempts the last failure comes back as it was', async () => {
    const last = new FlakyError('third');
    const throwing = scripted([new FlakyError('first'), new FlakyError('second'), last]);
    const answering = scripted([{ kind: 'transient' }, { kind: 'transient' }, { kind: 'transient', retryAfterMs: 2 }]);
    const clock = manualClock();

    await expect(retryTransient(throwing, { ...optionsWith(clock, []), maxAttempts: 3 })).rejects.toBe(last);
    await expect(retryTransient(answering, { ...optionsWith(clock, []), maxAttempts: 3 })).resolves.toEqual({
      kind: 'transient',
      retryAfterMs: 2,
    });
    expect(throwing).toHaveBeenCalledTimes(3);
    expect(answering).toHaveBeenCalledTimes(3);
  });

  test('no retry begins that could not finish by the deadline, keeping a request timeout free', async () => {
    const clock = manualClock();
    const attempt = jest.fn(async (): Promise<Answer> => {
      clock.advance(1_000);
      return { kind: 'transient' };
    });
    const options = { ...optionsWith(clock, []), maxAttempts: 10, deadlineMs: clock.now() + 3_500 };

    await expect(retryTransient(attempt, { ...options, attemptTimeoutMs: 1_000 })).resolves.toEqual({
      kind: 'transient',
    });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  test('Retry-After is honoured as the delay when it fits the budget', async () => {
    const attempt = scripted([{ kind: 'transient', retryAfterMs: 30 }]);
    const retries: PlannedRetry<Answer>[] = [];

    await retryTransient(attempt, { ...optionsWith(manualClock(), retries), capMs: 50 });

    expect(retries.map((retry) => retry.delayMs)).toEqual([30]);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  test('Retry-After past the deadline or above the longest sleep is left to SQS', async () => {
    const clock = manualClock();
    const pastDeadline = scripted([{ kind: 'transient', retryAfterMs: 40 }]);
    const aboveCap = scripted([{ kind: 'transient', retryAfterMs: 5_000 }]);

    const first = await retryTransient(pastDeadline, {
      ...optionsWith(clock, []),
      capMs: 50,
      deadlineMs: clock.now() + 20,
    });
    const second = await retryTransient(aboveCap, { ...optionsWith(clock, []), capMs: 1_000 });

    expect([first, second]).toEqual([
      { kind: 'transient', retryAfterMs: 40 },
      { kind: 'transient', retryAfterMs: 5_000 },
    ]);
    expect(pastDeadline).toHaveBeenCalledTimes(1);
    expect(aboveCap).toHaveBeenCalledTimes(1);
  });

  test('an attempt started at or after the deadline runs once, with its signal already aborted', async () => {
    const clock = manualClock();
    const attempt = scripted([{ kind: 'transient' }]);

    await retryTransient(attempt, { ...optionsWith(clock, []), deadlineMs: clock.now() });

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(attempt.mock.calls[0]?.[0].aborted).toBe(true);
  });

  test.each([
    [{ maxAttempts: 0 }, 'maxAttempts must be a whole number >= 1, got 0'],
    [{ baseMs: -1 }, 'baseMs must be a finite number >= 0, got -1'],
    [{ capMs: 0, baseMs: 10 }, 'capMs must be finite and >= baseMs, got 0'],
    [{ deadlineMs: Number.NaN }, 'deadlineMs must be an epoch time in ms, got NaN'],
    [{ attemptTimeoutMs: -5 }, 'attemptTimeoutMs must be a finite number >= 0, got -5'],
  ])('options %p are refused before any attempt', async (bad, message) => {
    const attempt = scripted([]);

    await expect(retryTransient(attempt, { ...optionsWith(manualClock(), []), ...bad })).rejects.toThrow(
      new RangeError(message),
    );
    expect(attempt).not.toHaveBeenCalled();
  });

  test('property: attempts never exceed maxAttempts and every retry starts early enough to finish in time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        async (durations, maxAttempts, budgetMs, attemptTimeoutMs) => {
          const clock = manualClock();
          const deadlineMs = clock.now() + budgetMs;
          const starts: number[] = [];
          const attempt = async (): Promise<Answer> => {
            starts.push(clock.now());
            clock.advance(durations[(starts.length - 1) % durations.length] ?? 0);
            return { kind: 'transient' };
          };
          await retryTransient(attempt, { ...optionsWith(clock, []), maxAttempts, deadlineMs, attemptTimeoutMs });
          expect(starts.length).toBeLessThanOrEqual(maxAttempts);
          for (const start of starts.slice(1)) expect(start + attemptTimeoutMs).toBeLessThanOrEqual(deadlineMs);
        },
      ),
      { numRuns: 60 },
    );
  });
});
