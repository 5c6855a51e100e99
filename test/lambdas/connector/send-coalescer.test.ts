import { sendCoalescer } from '../../../lambdas/connector/send-coalescer';

describe('sendCoalescer', () => {
  test('items submitted together are sent as one batch and each submitter gets its result', async () => {
    const batches: number[][] = [];
    const coalescer = sendCoalescer<number, string>({
      maxItems: 10,
      windowMs: 20,
      sendBatch: async (items) => {
        batches.push([...items]);
        return `sent ${items.length}`;
      },
    });

    const results = await Promise.all([1, 2, 3].map((item) => coalescer.submit(item)));

    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual(['sent 3', 'sent 3', 'sent 3']);
  });

  test('a full batch goes at once, without waiting for the window', async () => {
    const batches: number[][] = [];
    const coalescer = sendCoalescer<number, number>({
      maxItems: 2,
      windowMs: 60_000,
      sendBatch: async (items) => {
        batches.push([...items]);
        return items.length;
      },
    });

    await Promise.all([coalescer.submit(1), coalescer.submit(2)]);

    expect(batches).toEqual([[1, 2]]);
  });

  test('a failed batch fails every submitter in it, and the next batch is sent afresh', async () => {
    let calls = 0;
    const coalescer = sendCoalescer<number, string>({
      maxItems: 10,
      windowMs: 5,
      sendBatch: async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
        return 'ok';
      },
    });

    const first = await Promise.allSettled([coalescer.submit(1), coalescer.submit(2)]);
    const second = await coalescer.submit(3);

    expect(first.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(second).toBe('ok');
  });
});
