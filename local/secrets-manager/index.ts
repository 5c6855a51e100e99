/** The local Secrets Manager endpoint, for tests and local mode; never imported by function code. */
export {
  startLocalSecretsManager,
  type LocalSecretsManager,
  type LocalSecretsManagerOptions,
} from './local-secrets-manager';
export { SecretsManagerError, type SecretsManagerErrorCode } from './secrets-manager-error';
