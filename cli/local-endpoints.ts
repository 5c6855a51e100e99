import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';

/** Where `npm start` writes what it runs on, and where the command line looks for it. */
export const LOCAL_ENDPOINTS_FILE = path.resolve(__dirname, '..', '.local', 'endpoints.json');

/**
 * What local mode runs on: the AWS stand-ins' endpoints and credentials, the stage's table and queue names, the
 * webhook API, the fake downstreams and the folder of function logs. Written while `npm start` runs, removed on
 * a clean stop, so a command line finds local mode the way the SDK finds AWS.
 */
export const localEndpointsSchema = z.object({
  pid: z.int().positive(),
  startedAt: z.iso.datetime(),
  stage: z.string().min(1),
  region: z.string().min(1),
  credentials: z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }),
  apiUrl: z.url(),
  /** The read API and the local caller's key (`Authorization: Bearer <key>`). */
  readApi: z.object({ url: z.url(), apiKey: z.string().min(1) }).optional(),
  endpoints: z.object({ sqs: z.url(), dynamodb: z.url(), secretsManager: z.url() }),
  tables: z.object({ idempotency: z.string().min(1), state: z.string().min(1) }),
  sources: z.record(z.string(), z.object({ webhookUrl: z.url(), queueUrl: z.url(), quarantineQueueUrl: z.url() })),
  destinations: z.record(
    z.string(),
    z.object({ queueUrl: z.url(), deadLetterQueueUrl: z.url(), downstreamUrl: z.url() }),
  ),
  logsDir: z.string().min(1),
});
export type LocalEndpoints = z.infer<typeof localEndpointsSchema>;

/** Why local mode could not be found, worded for the person at the terminal. */
export class LocalModeNotRunningError extends Error {
  override readonly name = 'LocalModeNotRunningError';
}

/**
 * Reads the endpoints file. A missing file, one left by a process that is gone (a crash or kill -9) and one that
 * does not fit the schema each get their own message, since each has its own fix.
 */
export function readLocalEndpoints(
  file = LOCAL_ENDPOINTS_FILE,
  isRunning: (pid: number) => boolean = processIsRunning,
): LocalEndpoints {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LocalModeNotRunningError(
      `no local mode running (${path.relative(process.cwd(), file) || file} not found): start it with \`npm start\`, or name a deployed stage with --stage`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LocalModeNotRunningError(`${file} is not JSON; restart local mode with \`npm start\``);
  }
  const parsed = localEndpointsSchema.safeParse(json);
  if (!parsed.success) {
    throw new LocalModeNotRunningError(
      `${file} is not a local-mode endpoints file (${z.prettifyError(parsed.error).split('\n')[0]}); restart local mode with \`npm start\``,
    );
  }
  if (!isRunning(parsed.data.pid)) {
    throw new LocalModeNotRunningError(
      `no local mode running: ${file} was left by process ${parsed.data.pid}, which has exited; start it with \`npm start\``,
    );
  }
  return parsed.data;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
