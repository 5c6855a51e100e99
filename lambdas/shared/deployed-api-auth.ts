import type { ApiAuthConfig } from '../../config/schema';
import { createApiAuth, type ApiAuth } from './auth';
import { sendHttp } from './http-client';
import { readSecretString } from './secrets';

/**
 * Authentication to an API a function calls, wired to the function's real I/O: the one HTTP client and the
 * cached Secrets Manager reader. `secretId` is the deployed secret's ARN when the stack made one.
 */
export function deployedApiAuth(auth: ApiAuthConfig, options: { secretId?: string; timeoutMs: number }): ApiAuth {
  return createApiAuth(auth, {
    send: sendHttp,
    readSecret: readSecretString,
    now: Date.now,
    timeoutMs: options.timeoutMs,
    ...(options.secretId ? { secretId: options.secretId } : {}),
  });
}
