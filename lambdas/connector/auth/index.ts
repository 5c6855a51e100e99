/** Destination authentication: none, an API key from a secret, or an OAuth2 client-credentials token. */
export { DestinationAuthError, type DestinationAuthProblem } from './auth-error';
export { createDestinationAuth, type DestinationAuth, type DestinationAuthDeps } from './destination-auth';
