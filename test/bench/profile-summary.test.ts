import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { placeOf, summarizeProfile } from '../../bench/profile-summary';

const ROOT = '/work/project';
const frame = (url: string, functionName = 'f') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

describe('placeOf', () => {
  it('names a dependency by its package, project code by its path and Node.js by its module', () => {
    expect(placeOf(frame(`file://${ROOT}/node_modules/@smithy/core/dist/index.js`), ROOT)).toBe('npm:@smithy/core');
    expect(placeOf(frame(`file://${ROOT}/node_modules/zod/v4/core.js`), ROOT)).toBe('npm:zod');
    expect(placeOf(frame(`file://${ROOT}/local/sqs/queue-state.ts`), ROOT)).toBe('local/sqs/queue-state.ts');
    expect(placeOf(frame('node:internal/deps/undici/undici'), ROOT)).toBe('node:internal/deps/undici');
    expect(placeOf(frame('', '(garbage collector)'), ROOT)).toBe('(garbage collector)');
  });
});

describe('summarizeProfile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-profile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sums self time by place, idle apart', () => {
    const file = path.join(dir, 'CPU.test.cpuprofile');
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('', '(idle)') },
        { id: 2, callFrame: frame(`file://${ROOT}/node_modules/dynalite/index.js`) },
        { id: 3, callFrame: frame(`file://${ROOT}/local/api-gateway.ts`) },
      ],
      samples: [1, 2, 2, 3, 1],
      timeDeltas: [1000, 3000, 3000, 1000, 2000],
    };
    writeFileSync(file, JSON.stringify(profile));
    expect(summarizeProfile(file, ROOT)).toEqual({
      file: 'CPU.test.cpuprofile',
      totalMs: 10,
      idleMs: 3,
      top: [
        { place: 'npm:dynalite', ms: 6 },
        { place: 'local/api-gateway.ts', ms: 1 },
      ],
    });
  });
});
