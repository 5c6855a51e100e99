import type { z } from 'zod';

/** The environment variable through which the stack hands a function its slice of the configuration. */
export const SETTINGS_VARIABLE = 'INTERCHANGE_SETTINGS';

/** A function started without valid settings: a deployment fault, reported once at cold start. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** Reads and validates the function's settings once, at module scope, naming what is missing or wrong. */
export function readSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.output<T> {
  const raw = env[SETTINGS_VARIABLE];
  if (!raw) throw new SettingsError(`${SETTINGS_VARIABLE} is not set`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new SettingsError(`${SETTINGS_VARIABLE} is not JSON`, { cause });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SettingsError(`${SETTINGS_VARIABLE} is invalid: ${fields.join('; ')}`);
  }
  return result.data;
}
