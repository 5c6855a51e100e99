/**
 * Why a destination's credentials could not be had. `secret-*`: the credentials secret is missing, unreadable or
 * not in the expected shape; `token-refused`: the token endpoint rejected the client; `token-unavailable`: it did
 * not answer usefully right now. Messages name the secret and the endpoint, never a credential or a token.
 */
export type ApiAuthProblem =
  'secret-missing' | 'secret-unreadable' | 'secret-invalid' | 'token-refused' | 'token-unavailable' | 'token-invalid';

/** Credentials for a destination could not be obtained; `retryable` says whether trying again later may help. */
export class ApiAuthError extends Error {
  override readonly name = 'ApiAuthError';

  constructor(
    readonly problem: ApiAuthProblem,
    readonly retryable: boolean,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
