/**
 * What local mode keeps between runs in `.local/settings.json`, so a restart never changes what a person has
 * configured elsewhere (a vendor's test endpoint, a curl line, a bookmark): each source's signing secret, the
 * webhook port, the console's port and each fake downstream's port. `npm start -- --fresh` starts over.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import type { InterchangeConfig } from '../config/schema';
import { needsStandardWebhookSecret } from './topology';

const port = z.number().int().min(1).max(65_535);

const settingsSchema = z.object({
  apiPort: port.optional(),
  consolePort: port.optional(),
  downstreamPorts: z.record(z.string(), port).default({}),
  signingSecrets: z.record(z.string(), z.string().min(1)).default({}),
  /** The local caller's read API key, so a curl line keeps working across restarts. */
  readApiKey: z.string().min(1).optional(),
});

/** The settings of one local installation; absent values are chosen at start and then kept. */
export type LocalSettings = z.infer<typeof settingsSchema>;

export const SETTINGS_FILE = 'settings.json';

const EMPTY: LocalSettings = { downstreamPorts: {}, signingSecrets: {} };

/**
 * The kept settings, or none when the file is absent, unreadable or not settings (it is then replaced at the next
 * save, and `problem` says why so start can tell the person).
 */
export function readLocalSettings(localDir: string): { settings: LocalSettings; problem?: string } {
  const file = path.join(localDir, SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { settings: EMPTY };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: EMPTY, problem: `${file} is not JSON; starting with fresh secrets and ports` };
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    return { settings: EMPTY, problem: `${file} is not valid (${parsed.error.issues[0]?.message}); starting afresh` };
  }
  return { settings: parsed.data };
}

/** Keeps only the secrets that still fit their source's schemes (one that takes Standard Webhooks needs `whsec_`). */
export function keptSigningSecrets(settings: LocalSettings, config: InterchangeConfig): Map<string, string> {
  const kept = new Map<string, string>();
  for (const source of config.sources) {
    const secret = settings.signingSecrets[source.name];
    if (secret === undefined) continue;
    if (needsStandardWebhookSecret(source) !== secret.startsWith('whsec_')) continue;
    kept.set(source.name, secret);
  }
  return kept;
}

/** Writes the settings whole (through a temporary file, so a stop mid-write never leaves half a file). */
export function writeLocalSettings(localDir: string, settings: LocalSettings): void {
  mkdirSync(localDir, { recursive: true });
  const file = path.join(localDir, SETTINGS_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
