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
  const deadline = Date.now() + timeoutMs;
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
  try {
    const handler = await handlerReady;
    const result = await handler(event, context);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: (error && error.name) || 'Error', message: String((error && error.message) || error) },
    });
  }
});
`;
