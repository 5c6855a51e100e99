import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { readAuthorizerSettingsSchema } from '../../config/function-settings';
import { logger } from '../shared/logger';
import { readSecretString } from '../shared/secrets';
import { readSettings } from '../shared/settings';
import { authorizeKey, readApiCallersSchema, type ReadApiCallers } from './api-keys';

const settings = readSettings(readAuthorizerSettingsSchema);

/** The callers, from the secret (cached five minutes); none when it cannot be read or is not callers. */
async function callers(correlationId: string): Promise<ReadApiCallers> {
  try {
    const parsed = readApiCallersSchema.safeParse(
      JSON.parse((await readSecretString(settings.callersSecretId)) ?? '{}'),
    );
    if (parsed.success) return parsed.data;
    logger.error('read API callers secret is not valid; every key refused', {
      correlationId,
      issues: parsed.error.issues,
    });
  } catch (error) {
    logger.error('read API callers secret could not be read; every key refused', { correlationId, error });
  }
  return { callers: {} };
}

/**
 * The read API's Lambda authorizer (HTTP API, simple responses): allows a request whose `Authorization: Bearer`
 * key hashes to a caller's stored hash and hands the caller and its rate to the read function. API Gateway caches
 * the answer per header for the route's TTL, so most requests do not invoke it at all.
 */
export const handler = middy(
  async (
    event: APIGatewayRequestAuthorizerEventV2,
  ): Promise<APIGatewaySimpleAuthorizerWithContextResult<{ caller: string; requestsPerSecond: number }>> => {
    const header = event.headers?.authorization;
    const allowed = authorizeKey(header, await callers(event.requestContext.requestId));
    if (!allowed) return { isAuthorized: false, context: { caller: '', requestsPerSecond: 0 } };
    return { isAuthorized: true, context: allowed };
  },
).use(injectLambdaContext(logger, { resetKeys: true }));
