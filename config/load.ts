import { interchangeConfigSchema, type InterchangeConfig, type InterchangeConfigInput } from './schema';
import { STAGES } from './stages';

/** A configuration that does not validate; the message lists every offending field by its path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Validates a configuration, filling in defaults; throws ConfigError naming each bad field. */
export function parseConfig(input: unknown, label = 'config'): InterchangeConfig {
  const result = interchangeConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
  throw new ConfigError(`Invalid Interchange ${label}:\n${lines}`, issues);
}

/** The validated configuration of a named stage; an unknown stage is an error listing the known ones. */
export function loadStageConfig(
  stage: string,
  stages: Readonly<Record<string, InterchangeConfigInput>> = STAGES,
): InterchangeConfig {
  const input = stages[stage];
  if (!input) {
    throw new ConfigError(`Unknown stage "${stage}"; known stages: ${Object.keys(stages).join(', ')}`, [
      { path: 'stage', message: `unknown stage "${stage}"` },
    ]);
  }
  return parseConfig(input, `config for stage "${stage}"`);
}
