import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PortInUseError } from '../../../local/http';
import { startLocalSecretsManager, type LocalSecretsManager } from '../../../local/secrets-manager';
import { rawRequest, secretsClientFor } from './helpers/secrets-client';

describe('local Secrets Manager with the AWS SDK', () => {
  let secrets: LocalSecretsManager;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    secrets = await startLocalSecretsManager({ secrets: { 'interchange/stripe': 'whsec_1' } });
    client = secretsClientFor(secrets.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await secrets.close();
  });

  it('serves secrets given at start as AWSCURRENT', async () => {
    const value = await client.send(new GetSecretValueCommand({ SecretId: 'interchange/stripe' }));

    expect(value).toMatchObject({ Name: 'interchange/stripe', SecretString: 'whsec_1', VersionStages: ['AWSCURRENT'] });
    expect(value.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:interchange\/stripe-[A-Za-z0-9]{6}$/,
    );
    expect(value.CreatedDate).toBeInstanceOf(Date);
  });

  it('creates a secret and finds it by name, full ARN and partial ARN', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'crm/oauth', SecretString: '{"clientId":"a"}' }));
    const arn = created.ARN ?? '';

    const ids = ['crm/oauth', arn, arn.slice(0, -7)];
    const values = await Promise.all(ids.map((id) => client.send(new GetSecretValueCommand({ SecretId: id }))));

    expect(values.map((value) => value.SecretString)).toEqual([
      '{"clientId":"a"}',
      '{"clientId":"a"}',
      '{"clientId":"a"}',
    ]);
    expect(values[0]?.VersionId).toBe(created.VersionId);
  });

  it('makes a new value AWSCURRENT and the old one AWSPREVIOUS', async () => {
    const first = await client.send(new CreateSecretCommand({ Name: 'erp/key', SecretString: 'v1' }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: 'erp/key', SecretString: 'v2' }));

    const current = await client.send(new GetSecretValueCommand({ SecretId: 'erp/key', VersionStage: 'AWSCURRENT' }));
    const previous = await client.send(new GetSecretValueCommand({ SecretId: 'erp/key', VersionStage: 'AWSPREVIOUS' }));
    const byId = await client.send(new GetSecretValueCommand({ SecretId: 'erp/key', VersionId: first.VersionId }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'erp/key' }));

    expect(second.VersionStages).toEqual(['AWSCURRENT']);
    expect([current.SecretString, previous.SecretString, byId.SecretString]).toEqual(['v2', 'v1', 'v1']);
    expect(described).toMatchObject({
      Name: 'erp/key',
      VersionIdsToStages: { [first.VersionId ?? '']: ['AWSPREVIOUS'], [second.VersionId ?? '']: ['AWSCURRENT'] },
    });
    expect(described.LastChangedDate).toBeInstanceOf(Date);
  });

  it('stores a binary secret and returns its bytes', async () => {
    await client.send(new CreateSecretCommand({ Name: 'tpl/cert', SecretBinary: new Uint8Array([0, 1, 254, 255]) }));

    const value = await client.send(new GetSecretValueCommand({ SecretId: 'tpl/cert' }));

    expect(Array.from(value.SecretBinary ?? [])).toEqual([0, 1, 254, 255]);
    expect(value.SecretString).toBeUndefined();
  });

  it('treats a repeated PutSecretValue token with the same value as the same version', async () => {
    await client.send(new CreateSecretCommand({ Name: 'idem/key', SecretString: 'v1' }));
    const token = '11111111-2222-3333-4444-555555555555';

    const first = await client.send(
      new PutSecretValueCommand({ SecretId: 'idem/key', SecretString: 'v2', ClientRequestToken: token }),
    );
    const again = await client.send(
      new PutSecretValueCommand({ SecretId: 'idem/key', SecretString: 'v2', ClientRequestToken: token }),
    );
    const changed = client.send(
      new PutSecretValueCommand({ SecretId: 'idem/key', SecretString: 'v3', ClientRequestToken: token }),
    );

    expect(again.VersionId).toBe(first.VersionId);
    await expect(changed).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it('answers an unknown secret with ResourceNotFoundException, as AWS does', async () => {
    const missing = client.send(new GetSecretValueCommand({ SecretId: 'nope' }));

    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(missing).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers a missing staging label with ResourceNotFoundException naming it', async () => {
    const missing = client.send(
      new GetSecretValueCommand({ SecretId: 'interchange/stripe', VersionStage: 'AWSPENDING' }),
    );

    await expect(missing).rejects.toThrow(
      "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    );
  });

  it('refuses a name that exists already', async () => {
    const duplicate = client.send(new CreateSecretCommand({ Name: 'interchange/stripe', SecretString: 'x' }));

    await expect(duplicate).rejects.toThrow(
      'The operation failed because the secret interchange/stripe already exists.',
    );
  });

  it.each([
    [
      'a name with a space',
      new CreateSecretCommand({ Name: 'bad name', SecretString: 'x' }),
      'InvalidParameterException',
      'Invalid name',
    ],
    [
      'both a string and a binary value',
      new CreateSecretCommand({ Name: 'both', SecretString: 'x', SecretBinary: new Uint8Array([1]) }),
      'InvalidParameterException',
      "can't specify both",
    ],
    [
      'a new version without a value',
      new PutSecretValueCommand({ SecretId: 'interchange/stripe' }),
      'InvalidRequestException',
      'either SecretString or SecretBinary',
    ],
    ['an empty SecretId', new GetSecretValueCommand({ SecretId: '' }), 'ValidationException', "Value at 'SecretId'"],
  ])('refuses %s', async (_case, command, name, message) => {
    const refused = client.send(command as GetSecretValueCommand);

    await expect(refused).rejects.toMatchObject({ name, message: expect.stringContaining(message) });
  });

  it('records the operations it received', () => {
    expect(secrets.operations()).toContain('GetSecretValue');
    expect(secrets.operations()).toContain('CreateSecret');
  });
});

describe('local Secrets Manager wire errors', () => {
  let secrets: LocalSecretsManager;

  beforeAll(async () => {
    secrets = await startLocalSecretsManager();
  });
  afterAll(() => secrets.close());

  it.each([
    ['secretsmanager.RotateSecret', '{}', 'UnknownOperationException', 'RotateSecret'],
    [undefined, '{}', 'UnknownOperationException', 'X-Amz-Target'],
    ['secretsmanager.GetSecretValue', '{"SecretId":', 'SerializationException', 'not valid JSON'],
    ['secretsmanager.GetSecretValue', '[1]', 'SerializationException', 'JSON object'],
    ['secretsmanager.GetSecretValue', '{"SecretId": 5}', 'ValidationException', 'SecretId'],
    ['secretsmanager.toString', '{}', 'UnknownOperationException', 'toString'],
  ])('answers target %s with body %s as 400 %s', async (target, body, type, message) => {
    const answer = await rawRequest(secrets.endpoint, target, body);

    expect(answer.status).toBe(400);
    expect(answer.json.__type).toBe(type);
    expect(answer.json.Message).toContain(message);
  });

  it('makes putSecret create a secret, then replace its value', async () => {
    secrets.putSecret('late', 'one');
    secrets.putSecret('late', 'two');

    const answer = await rawRequest(secrets.endpoint, 'secretsmanager.GetSecretValue', '{"SecretId":"late"}');

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ SecretString: 'two' });
  });
});

describe('startLocalSecretsManager on a port in use', () => {
  it('rejects with an error naming the port, and frees the port on close', async () => {
    const first = await startLocalSecretsManager();
    const port = Number(new URL(first.endpoint).port);

    await expect(startLocalSecretsManager({ port })).rejects.toThrow(PortInUseError);
    await expect(startLocalSecretsManager({ port })).rejects.toThrow(`port ${port} is already in use`);

    await first.close();
    const reopened = await startLocalSecretsManager({ port });
    await reopened.close();
  });
});
