/** Physical names carry the stage, so several stages can share one account without colliding. */
export function resourceName(stage: string, name: string): string {
  return `interchange-${stage}-${name}`;
}
