/**
 * Reads a source's signing secret value. A JSON `{"current": "...", "previous": "..."}` yields both, so a
 * vendor can rotate its secret without a window of refused webhooks; a plain string is a single secret.
 */
export function signingSecretsFrom(secretValue: string | undefined): readonly string[] {
  if (!secretValue) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretValue);
  } catch {
    return [secretValue];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [secretValue];
  const { current, previous } = parsed as Record<string, unknown>;
  return [current, previous].filter((value): value is string => typeof value === 'string' && value.length > 0);
}
