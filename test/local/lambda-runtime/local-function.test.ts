import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FunctionInvocationError, LocalFunction } from '../../../local/lambda-runtime';

/** A handler that prints a burst of lines on both streams, as a function's logs and EMF metrics are printed. */
const BUNDLE = `
export const handler = async (event) => {
  for (let i = 0; i < event.lines; i++) {
    console.log(JSON.stringify({ message: 'line', i, pad: 'x'.repeat(200) }));
    if (i % 10 === 0) console.error('err ' + i);
  }
  if (event.fail) throw new TypeError('bad event');
  return { printed: event.lines };
};
`;

describe('LocalFunction', () => {
  let fn: LocalFunction;
  const lines: string[] = [];

  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-function-'));
    const bundlePath = path.join(dir, 'index.mjs');
    writeFileSync(bundlePath, BUNDLE);
    fn = LocalFunction.start({
      functionName: 'printer',
      bundlePath,
      environment: {},
      timeoutSeconds: 10,
      onOutput: (line) => lines.push(line),
    });
  });
  afterAll(() => fn.close());
  beforeEach(() => (lines.length = 0));

  test('an invocation resolves only once everything it printed has been handed on', async () => {
    const results = await Promise.all([fn.invoke({ lines: 2000 }), fn.invoke({ lines: 500 })]);

    expect(results).toEqual([{ printed: 2000 }, { printed: 500 }]);
    expect(lines.filter((line) => line.startsWith('{'))).toHaveLength(2500);
    expect(lines.filter((line) => line.startsWith('err '))).toHaveLength(250);
  });

  test('a failed invocation also waits for its output, and markers never reach onOutput', async () => {
    await expect(fn.invoke({ lines: 300, fail: true })).rejects.toThrow(FunctionInvocationError);

    expect(lines.filter((line) => line.startsWith('{'))).toHaveLength(300);
    expect(lines.some((line) => line.includes('invocation-output-end'))).toBe(false);
  });

  test("the cold start is not part of the invocation's time, as in Lambda", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-function-'));
    const bundlePath = path.join(dir, 'index.mjs');
    // A module whose import alone takes longer than the function's timeout.
    writeFileSync(
      bundlePath,
      `await new Promise((resolve) => setTimeout(resolve, 1500));
export const handler = async (event, context) => ({ remainingMs: context.getRemainingTimeInMillis() });`,
    );
    const slow = LocalFunction.start({ functionName: 'slow-init', bundlePath, environment: {}, timeoutSeconds: 1 });
    try {
      const { remainingMs } = await slow.invoke<{ remainingMs: number }>({});
      expect(remainingMs).toBeGreaterThan(500);
    } finally {
      await slow.close();
    }
  });
});
