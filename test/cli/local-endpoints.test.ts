import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalModeNotRunningError, readLocalEndpoints, type LocalEndpoints } from '../../cli/local-endpoints';

const dir = mkdtempSync(path.join(tmpdir(), 'interchange-endpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid: LocalEndpoints = {
  pid: 4242,
  startedAt: '2026-12-01T10:00:00.000Z',
  stage: 'dev',
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  apiUrl: 'http://127.0.0.1:3000',
  endpoints: {
    sqs: 'http://127.0.0.1:1',
    dynamodb: 'http://127.0.0.1:2',
    secretsManager: 'http://127.0.0.1:3',
    s3: 'http://127.0.0.1:4',
  },
  payloadBucket: 'payloads',
  tables: { idempotency: 'dev-Idempotency', state: 'dev-IntegrationState' },
  sources: {
    crm: {
      webhookUrl: 'http://127.0.0.1:3000/webhooks/crm',
      queueUrl: 'http://127.0.0.1:1/000000000000/interchange-dev-ingest-crm',
      quarantineQueueUrl: 'http://127.0.0.1:1/000000000000/interchange-dev-ingest-crm-quarantine',
    },
  },
  destinations: {},
  logsDir: '/tmp/logs',
};

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

describe('readLocalEndpoints', () => {
  test('reads the file of a running local mode', () => {
    expect(readLocalEndpoints(file('ok.json', JSON.stringify(valid)), () => true)).toEqual(valid);
  });

  test.each([
    [
      'a missing file',
      path.join(dir, 'missing.json'),
      /no local mode running \(.*missing\.json not found\): start it with `npm start`/,
    ],
    ['a file that is not JSON', file('garbled.json', '{"pid":'), /is not JSON; restart local mode/],
    [
      'a file of another shape',
      file('other.json', JSON.stringify({ ...valid, endpoints: {} })),
      /is not a local-mode endpoints file/,
    ],
  ])('%s says what to do', (_case, target, message) => {
    expect(() => readLocalEndpoints(target, () => true)).toThrow(LocalModeNotRunningError);
    expect(() => readLocalEndpoints(target, () => true)).toThrow(message);
  });

  test('a file left by a process that has exited is not taken for a running local mode', () => {
    const target = file('stale.json', JSON.stringify(valid));
    expect(() => readLocalEndpoints(target, (pid) => pid !== 4242)).toThrow(
      'no local mode running: ' + target + ' was left by process 4242, which has exited',
    );
  });
});
