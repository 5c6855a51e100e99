/** Physical names carry the stage, so several stages can share one account without colliding. */
export function resourceName(stage: string, name: string): string {
  return `interchange-${stage}-${name}`;
}

/**
 * The log group of a function, by its service name (`ingest-storefront`): a fixed name, so saved queries and
 * `interchange trace` find every function's logs without looking them up.
 */
export function functionLogGroupName(stage: string, serviceName: string): string {
  return `/interchange/${stage}/${serviceName}`;
}
