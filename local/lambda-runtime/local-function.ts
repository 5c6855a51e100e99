import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { END_OF_OUTPUT, WORKER_SOURCE } from './worker-source';

export interface LocalFunctionOptions {
  readonly functionName: string;
  readonly bundlePath: string;
  /** The function's own environment, as the stack would set it; the worker sees nothing else of this process. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb?: number;
  /** Receives every line the function writes to stdout or stderr (its logs and EMF metrics). */
  readonly onOutput?: (line: string) => void;
}

/** An invocation that threw inside the function, carried back with the function's error name. */
export class FunctionInvocationError extends Error {
  override readonly name = 'FunctionInvocationError';
  constructor(
    readonly functionName: string,
    readonly errorName: string,
    message: string,
  ) {
    super(`${functionName}: ${errorName}: ${message}`);
  }
}

/** One function's work so far: what Lambda would bill and log for it. */
export interface FunctionUsage {
  readonly invocations: number;
  /** Handler time summed, each invocation rounded up to the millisecond as Lambda bills it. */
  readonly billedMs: number;
  /** CPU time of the function's thread over its invocations, all together (Linux; elsewhere its busy time). */
  readonly cpuMs: number;
  /** The most memory the function's isolate held after an invocation: its V8 heap and the memory it keeps outside it. */
  readonly peakHeapBytes: number;
  /** Lines it printed (logs and EMF metrics) and their bytes, a newline each. */
  readonly logLines: number;
  readonly logBytes: number;
}

type Answer = {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string };
  usage: { durationMs: number; cpuMsSinceFirstCall: number; heapBytes: number };
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  answer?: Answer;
  /** End-of-output markers still to come, one per stream. */
  streamsOpen: number;
}

/**
 * One deployed function, run in its own worker thread with its own environment: the same handler module
 * can run as five functions with five settings, as it does in Lambda, and module-scope state stays per function.
 * An invocation resolves once its answer and everything it printed have arrived, so whoever reads the
 * function's metrics after an invocation (the live view, a test reconciling counts) sees all of them.
 */
export class LocalFunction {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private used = { invocations: 0, billedMs: 0, cpuMs: 0, peakHeapBytes: 0, logLines: 0, logBytes: 0 };

  private constructor(
    private readonly worker: Worker,
    private readonly options: LocalFunctionOptions,
  ) {
    worker.on('message', (message: Answer) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      waiting.answer = message;
      this.used.invocations += 1;
      this.used.billedMs += Math.ceil(message.usage.durationMs);
      this.used.cpuMs = Math.max(this.used.cpuMs, Math.round(message.usage.cpuMsSinceFirstCall));
      this.used.peakHeapBytes = Math.max(this.used.peakHeapBytes, message.usage.heapBytes);
      this.settle(message.id, waiting);
    });
    const onLine = (line: string) => {
      if (!line.startsWith(END_OF_OUTPUT)) {
        this.used.logLines += 1;
        this.used.logBytes += Buffer.byteLength(line, 'utf8') + 1;
        return options.onOutput?.(line);
      }
      const id = Number(line.slice(END_OF_OUTPUT.length));
      const waiting = this.pending.get(id);
      if (!waiting) return;
      waiting.streamsOpen -= 1;
      this.settle(id, waiting);
    };
    forwardLines(worker.stdout, onLine);
    forwardLines(worker.stderr, onLine);
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`${options.functionName} worker exited with code ${code}`)));
  }

  static start(options: LocalFunctionOptions): LocalFunction {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...options.environment },
      workerData: {
        bundlePath: options.bundlePath,
        functionName: options.functionName,
        region: options.environment.AWS_REGION ?? 'us-east-1',
        memoryMb: options.memoryMb ?? 256,
      },
      stdout: true,
      stderr: true,
    });
    return new LocalFunction(worker, options);
  }

  get functionName(): string {
    return this.options.functionName;
  }

  /** The memory the function is configured with, as Lambda would give it. */
  get memoryMb(): number {
    return this.options.memoryMb ?? 256;
  }

  /** What it has done since it started. */
  usage(): FunctionUsage {
    return { ...this.used };
  }

  /** Invokes the handler with an event and resolves with its result, as a synchronous Lambda invoke does. */
  invoke<T>(event: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, streamsOpen: 2 });
      this.worker.postMessage({ id, event, timeoutMs: this.options.timeoutSeconds * 1000 });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    this.failAll(new Error(`${this.options.functionName} stopped`));
  }

  private settle(id: number, waiting: Pending): void {
    const answer = waiting.answer;
    if (!answer || waiting.streamsOpen > 0) return;
    this.pending.delete(id);
    if (answer.ok) waiting.resolve(answer.result);
    else
      waiting.reject(new FunctionInvocationError(this.options.functionName, answer.error!.name, answer.error!.message));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  });
}
