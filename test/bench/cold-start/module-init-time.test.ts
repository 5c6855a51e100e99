import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { measureModuleInit, ModuleInitError } from '../../../bench/cold-start/module-init-time';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bench-init-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const moduleFile = (name: string, source: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
};

describe('measureModuleInit', () => {
  it('times the import in a fresh process with the given environment, whatever the module prints', async () => {
    const file = moduleFile(
      'reads-env.mjs',
      "console.log('{\"level\":\"INFO\"}');\nif (process.env.BENCH_SETTING !== 'on') throw new Error('setting missing');\nexport const handler = () => 1;\n",
    );
    const initMs = await measureModuleInit(file, { BENCH_SETTING: 'on' }, []);
    expect(initMs).toBeGreaterThan(0);
  });

  it('names the error a module throws at init', async () => {
    const file = moduleFile('throws.mjs', "throw new TypeError('INTERCHANGE_SETTINGS is not set');\n");
    const failure = measureModuleInit(file, {}, ['--enable-source-maps']);
    await expect(failure).rejects.toThrow(ModuleInitError);
    await expect(failure).rejects.toThrow(/throws\.mjs did not initialise: TypeError: INTERCHANGE_SETTINGS is not set/);
  });
});
