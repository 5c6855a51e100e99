/**
 * Printed by a worker on stdout and stderr after each invocation, followed by the invocation's id: everything the
 * invocation printed comes before it on that stream. A control character starts it so no log line can look like it.
 */
export const END_OF_OUTPUT = '\u0000invocation-output-end:';

/**
 * The code each function's worker thread runs: it imports the function's bundle once (a cold start) and
 * answers invocations with a Lambda-like context. Kept as plain JavaScript source because workers load it
 * with `eval`, outside any TypeScript loader.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { pathToFileURL } = require('node:url');
const handlerReady = import(pathToFileURL(workerData.bundlePath).href).then((module) => module.handler);
const name = workerData.functionName;
parentPort.on('message', async ({ id, event, timeoutMs }) => {
  // As in Lambda, the timeout runs from when the handler is called: the cold start (loading the bundle) is not
  // part of it. Counted in, a slow first import on a loaded machine timed out the first webhook (middy's timeout).
  let deadline = Infinity;
  const context = {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:' + workerData.region + ':000000000000:function:' + name,
    memoryLimitInMB: String(workerData.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/' + name,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  let answer;
  try {
    const handler = await handlerReady;
    deadline = Date.now() + timeoutMs;
    answer = { id, ok: true, result: await handler(event, context) };
  } catch (error) {
    answer = {
      id,
      ok: false,
      error: { name: (error && error.name) || 'Error', message: String((error && error.message) || error) },
    };
  }
  // The answer travels on another channel than the output: the marker lets the parent wait for the output too.
  process.stdout.write(${JSON.stringify(END_OF_OUTPUT)} + id + '\\n');
  process.stderr.write(${JSON.stringify(END_OF_OUTPUT)} + id + '\\n');
  parentPort.postMessage(answer);
});
`;
