/** Destination authentication: none, an API key from a secret, or an OAuth2 client-credentials token. */
export { ApiAuthError, type ApiAuthProblem } from './auth-error';
export { createApiAuth, type ApiAuth, type ApiAuthDeps } from './api-auth';
