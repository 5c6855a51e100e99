/**
 * The errors the local Secrets Manager answers, shaped as Secrets Manager sends them over AWS JSON 1.1: status 400
 * (500 for an internal failure) and a body of `__type` and `Message`, from which the SDK builds its named exceptions.
 */

/** Every error code this endpoint can answer. */
export type SecretsManagerErrorCode =
  | 'InternalServiceError'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'ResourceExistsException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'ValidationException';

/** A rejected request, carried from the secret store to the HTTP adapter, which answers it as AWS would. */
export class SecretsManagerError extends Error {
  override readonly name = 'SecretsManagerError';

  constructor(
    readonly code: SecretsManagerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Status and JSON body of the answer Secrets Manager gives for this error. */
  toResponse(): { status: number; body: { __type: string; Message: string } } {
    return {
      status: this.code === 'InternalServiceError' ? 500 : 400,
      body: { __type: this.code, Message: this.message },
    };
  }
}

/** The answer for a name or ARN that names no secret, word for word as Secrets Manager gives it. */
export const secretNotFound = (): SecretsManagerError =>
  new SecretsManagerError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** The answer for a secret that exists but has no version with the requested stage or id. */
export const secretValueNotFound = (selector: 'staging label' | 'VersionId', value: string): SecretsManagerError =>
  new SecretsManagerError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for ${selector}: ${value}`,
  );

/** The answer for a request whose member is missing or of the wrong type, in the AWS validation wording. */
export const invalidMember = (member: string, constraint: string): SecretsManagerError =>
  new SecretsManagerError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
