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
const { getHeapStatistics } = require('node:v8');
const { readFileSync } = require('node:fs');
// The CPU time of this thread alone, in milliseconds: utime and stime of /proc/thread-self/stat, in ticks of 10 ms
// (Linux's USER_HZ). Elsewhere, the time its event loop was not idle, which also counts waiting for a core.
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return performance.eventLoopUtilization().active;
  }
}
let cpuAtFirstCall;
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
  let started;
  try {
    const handler = await handlerReady;
    deadline = Date.now() + timeoutMs;
    if (cpuAtFirstCall === undefined) cpuAtFirstCall = threadCpuMs();
    started = performance.now();
    answer = { id, ok: true, result: await handler(event, context) };
  } catch (error) {
    answer = {
      id,
      ok: false,
      error: { name: (error && error.name) || 'Error', message: String((error && error.message) || error) },
    };
  }
  // What Lambda bills (the handler's run, from its call to its answer); the CPU time this thread has spent since its
  // first invocation began, all invocations together (they overlap here, as they never do in one Lambda instance, and
  // on a machine shared with other work their wall time grows with everyone's load, CPU time far less); and how much
  // memory the isolate holds after it.
  const heap = getHeapStatistics();
  answer.usage = {
    durationMs: started === undefined ? 0 : performance.now() - started,
    cpuMsSinceFirstCall: cpuAtFirstCall === undefined ? 0 : threadCpuMs() - cpuAtFirstCall,
    heapBytes: heap.total_heap_size + (heap.external_memory || 0),
  };
  // The answer travels on another channel than the output: the marker lets the parent wait for the output too.
  process.stdout.write(${JSON.stringify(END_OF_OUTPUT)} + id + '\\n');
  process.stderr.write(${JSON.stringify(END_OF_OUTPUT)} + id + '\\n');
  parentPort.postMessage(answer);
});
`;
