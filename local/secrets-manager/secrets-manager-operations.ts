/**
 * The Secrets Manager operations the local endpoint serves, from AWS JSON 1.1 request members to response members.
 * Members it does not use (KmsKeyId, Tags, ...) are accepted and ignored, as a caller's full request should still work.
 */
import * as z from 'zod';
import type { SecretStore, SecretValue, SecretVersionView } from './secret-store';
import { SecretsManagerError, invalidMember } from './secrets-manager-error';

const secretId = z.string().min(1).max(2048);
const token = z.string().min(32).max(64).optional();
const valueMembers = { SecretString: z.string().optional(), SecretBinary: z.base64().optional() };

const createSecret = z.object({
  Name: z.string(),
  Description: z.string().max(2048).optional(),
  ClientRequestToken: token,
  ...valueMembers,
});
const putSecretValue = z.object({
  SecretId: secretId,
  ClientRequestToken: token,
  VersionStages: z.array(z.string().min(1)).min(1).max(20).optional(),
  ...valueMembers,
});
const getSecretValue = z.object({
  SecretId: secretId,
  VersionId: z.string().min(32).max(64).optional(),
  VersionStage: z.string().min(1).optional(),
});
const describeSecret = z.object({ SecretId: secretId });

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidMember(issue?.path.join('.') ?? '(request)', issue?.message ?? 'invalid');
};

const valueOf = (input: { SecretString?: string; SecretBinary?: string }): SecretValue | undefined => {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw new SecretsManagerError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (input.SecretString !== undefined) return { kind: 'string', text: input.SecretString };
  if (input.SecretBinary !== undefined) return { kind: 'binary', base64: input.SecretBinary };
  return undefined;
};

const epochSeconds = (epochMillis: number): number => epochMillis / 1000;

const valueMembersOf = (view: SecretVersionView): Record<string, unknown> =>
  view.value.kind === 'string' ? { SecretString: view.value.text } : { SecretBinary: view.value.base64 };

const OPERATIONS: Record<string, (store: SecretStore, input: unknown) => Record<string, unknown>> = {
  CreateSecret: (store, input) => {
    const request = parse(createSecret, input);
    const created = store.create(request.Name, valueOf(request), request.ClientRequestToken, request.Description);
    return { ARN: created.arn, Name: created.name, VersionId: created.versionId };
  },
  PutSecretValue: (store, input) => {
    const request = parse(putSecretValue, input);
    const value = valueOf(request);
    if (!value)
      throw new SecretsManagerError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    const put = store.putValue(request.SecretId, value, request.ClientRequestToken, request.VersionStages);
    return { ARN: put.arn, Name: put.name, VersionId: put.versionId, VersionStages: put.versionStages };
  },
  GetSecretValue: (store, input) => {
    const request = parse(getSecretValue, input);
    const view = store.getValue(request.SecretId, request.VersionId, request.VersionStage);
    return {
      ARN: view.arn,
      Name: view.name,
      VersionId: view.versionId,
      ...valueMembersOf(view),
      VersionStages: view.versionStages,
      CreatedDate: epochSeconds(view.createdAt),
    };
  },
  DescribeSecret: (store, input) => {
    const described = store.describe(parse(describeSecret, input).SecretId);
    return {
      ARN: described.arn,
      Name: described.name,
      Description: described.description,
      CreatedDate: epochSeconds(described.createdAt),
      LastChangedDate: epochSeconds(described.lastChangedAt),
      VersionIdsToStages: described.versionIdsToStages,
    };
  },
};

/** Runs one operation against the store; an unknown one is UnknownOperationException, as AWS answers it. */
export const runSecretsManagerOperation = (
  store: SecretStore,
  operation: string,
  input: unknown,
): Record<string, unknown> => {
  const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!run)
    throw new SecretsManagerError(
      'UnknownOperationException',
      `Operation ${operation} is not supported by the local Secrets Manager`,
    );
  return run(store, input);
};
