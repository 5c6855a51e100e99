import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadStageConfig } from '../../config/load';
import { keptSigningSecrets, readLocalSettings, writeLocalSettings } from '../../local/local-settings';

const dir = () => mkdtempSync(path.join(tmpdir(), 'settings-test-'));

describe('local settings', () => {
  test('what is written is read back, and only its owner can read the file', () => {
    const localDir = dir();
    const settings = {
      apiPort: 3000,
      consolePort: 3100,
      downstreamPorts: { erp: 41000 },
      signingSecrets: { storefront: 'local_storefront_x' },
    };

    writeLocalSettings(localDir, settings);

    expect(readLocalSettings(localDir)).toEqual({ settings });
    expect(statSync(path.join(localDir, 'settings.json')).mode & 0o077).toBe(0);
  });

  test('no file means nothing kept, silently', () => {
    expect(readLocalSettings(dir())).toEqual({ settings: { downstreamPorts: {}, signingSecrets: {} } });
  });

  test.each([
    ['not JSON', '{oops', 'is not JSON'],
    ['a port out of range', '{"apiPort": 70000}', 'is not valid'],
  ])('a file that is %s is set aside with a reason', (_, text, problem) => {
    const localDir = dir();
    writeFileSync(path.join(localDir, 'settings.json'), text);

    const read = readLocalSettings(localDir);

    expect(read.settings).toEqual({ downstreamPorts: {}, signingSecrets: {} });
    expect(read.problem).toContain(problem);
    expect(readFileSync(path.join(localDir, 'settings.json'), 'utf8')).toBe(text);
  });

  test("a kept secret that no longer fits its source's scheme is made afresh", () => {
    const config = loadStageConfig('dev');
    const kept = keptSigningSecrets(
      {
        downstreamPorts: {},
        signingSecrets: {
          storefront: 'whsec_AAAA',
          erp: 'local_erp_1',
          logistics: 'whsec_BBBB',
          payments: 'local_payments_1',
          gone: 'x',
        },
      },
      config,
    );
    // The ERP and logistics sources also take Standard Webhooks (a relay, ShipBob), so their secret is a whsec_ key.
    expect(Object.fromEntries(kept)).toEqual({ logistics: 'whsec_BBBB', payments: 'local_payments_1' });
  });
});
