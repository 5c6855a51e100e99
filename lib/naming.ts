import { Aws } from 'aws-cdk-lib';

/** Physical names carry the stage, so several stages can share one account without colliding. */
export function resourceName(stage: string, name: string): string {
  return `interchange-${stage}-${name}`;
}

/**
 * The payload bucket's name. Bucket names are global, so the account and region are part of it; both stacks
 * derive it from the stage, so the functions' grants name the bucket without a cross-stack reference.
 */
export function payloadBucketName(stage: string, account = Aws.ACCOUNT_ID, region = Aws.REGION): string {
  return `${resourceName(stage, 'payloads')}-${account}-${region}`;
}

/**
 * The log group of a function, by its service name (`ingest-storefront`): a fixed name, so saved queries and
 * `interchange trace` find every function's logs without looking them up.
 */
export function functionLogGroupName(stage: string, serviceName: string): string {
  return `/interchange/${stage}/${serviceName}`;
}
