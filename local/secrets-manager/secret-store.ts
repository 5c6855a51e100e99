/**
 * The secrets of the local Secrets Manager, in memory: each secret has versions, and staging labels say which
 * version is AWSCURRENT and which AWSPREVIOUS, as in Secrets Manager, so rotation-style updates read the same locally.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SecretsManagerError, secretNotFound, secretValueNotFound } from './secrets-manager-error';

/** A secret value: text, or base64 of bytes as the wire carries them. */
export type SecretValue =
  { readonly kind: 'string'; readonly text: string } | { readonly kind: 'binary'; readonly base64: string };

/** One version of a secret as the operations report it. */
export interface SecretVersionView {
  readonly arn: string;
  readonly name: string;
  readonly versionId: string;
  readonly value: SecretValue;
  readonly versionStages: readonly string[];
  readonly createdAt: number;
}

/** A secret's metadata as DescribeSecret reports it. */
export interface SecretDescription {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly createdAt: number;
  readonly lastChangedAt: number;
  readonly versionIdsToStages: Record<string, string[]>;
}

interface Version {
  readonly id: string;
  readonly value: SecretValue;
  readonly createdAt: number;
  stages: string[];
}

interface Secret {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly createdAt: number;
  lastChangedAt: number;
  readonly versions: Map<string, Version>;
}

const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const NAME_PATTERN = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;
const ARN_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const sameValue = (a: SecretValue, b: SecretValue): boolean =>
  a.kind === 'string' ? b.kind === 'string' && a.text === b.text : b.kind === 'binary' && a.base64 === b.base64;

/** Secrets keyed by name, found by name, full ARN or partial ARN (the ARN without its random suffix). */
export class SecretStore {
  private readonly secrets = new Map<string, Secret>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly arnPrefix = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:',
  ) {}

  /** Creates a secret, with a first AWSCURRENT version when a value is given. */
  create(
    name: string,
    value: SecretValue | undefined,
    versionId: string = randomUUID(),
    description?: string,
  ): { arn: string; name: string; versionId?: string } {
    if (!NAME_PATTERN.test(name)) {
      throw new SecretsManagerError(
        'InvalidParameterException',
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    if (this.secrets.has(name)) {
      throw new SecretsManagerError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const suffix = Array.from(randomBytes(6), (byte) => ARN_SUFFIX_ALPHABET[byte % ARN_SUFFIX_ALPHABET.length]).join(
      '',
    );
    const now = this.now();
    const secret: Secret = {
      name,
      arn: `${this.arnPrefix}${name}-${suffix}`,
      description,
      createdAt: now,
      lastChangedAt: now,
      versions: new Map(),
    };
    this.secrets.set(name, secret);
    return value === undefined ? { arn: secret.arn, name } : this.addVersion(secret, value, versionId, [CURRENT]);
  }

  /** Adds a version and moves its staging labels to it; AWSCURRENT leaving a version makes that one AWSPREVIOUS. */
  putValue(
    secretId: string,
    value: SecretValue,
    versionId: string = randomUUID(),
    stages: readonly string[] = [CURRENT],
  ): SecretVersionView {
    const secret = this.find(secretId);
    const existing = secret.versions.get(versionId);
    if (existing) {
      if (!sameValue(existing.value, value)) {
        throw new SecretsManagerError(
          'ResourceExistsException',
          'A resource with the ID you requested already exists.',
        );
      }
      return this.view(secret, existing);
    }
    return this.addVersion(secret, value, versionId, stages);
  }

  /** The version with `versionId`, or else the one holding `versionStage` (AWSCURRENT by default). */
  getValue(secretId: string, versionId?: string, versionStage?: string): SecretVersionView {
    const secret = this.find(secretId);
    if (versionId !== undefined) {
      const version = secret.versions.get(versionId);
      if (!version || (versionStage !== undefined && !version.stages.includes(versionStage))) {
        throw secretValueNotFound('VersionId', versionId);
      }
      return this.view(secret, version);
    }
    const stage = versionStage ?? CURRENT;
    const version = [...secret.versions.values()].find((candidate) => candidate.stages.includes(stage));
    if (!version) throw secretValueNotFound('staging label', stage);
    return this.view(secret, version);
  }

  describe(secretId: string): SecretDescription {
    const { arn, name, description, createdAt, lastChangedAt, versions } = this.find(secretId);
    const versionIdsToStages = Object.fromEntries(
      [...versions.values()].filter((v) => v.stages.length > 0).map((v) => [v.id, [...v.stages]]),
    );
    return { arn, name, description, createdAt, lastChangedAt, versionIdsToStages };
  }

  private find(secretId: string): Secret {
    const byName = this.secrets.get(secretId);
    if (byName) return byName;
    for (const secret of this.secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
    }
    throw secretNotFound();
  }

  private addVersion(
    secret: Secret,
    value: SecretValue,
    versionId: string,
    stages: readonly string[],
  ): SecretVersionView {
    const now = this.now();
    const movesCurrent = stages.includes(CURRENT);
    for (const other of secret.versions.values()) {
      const hadCurrent = other.stages.includes(CURRENT);
      other.stages = other.stages.filter((stage) => !stages.includes(stage) && !(movesCurrent && stage === PREVIOUS));
      if (movesCurrent && hadCurrent) other.stages.push(PREVIOUS);
    }
    const version: Version = { id: versionId, value, createdAt: now, stages: [...new Set(stages)] };
    secret.versions.set(versionId, version);
    secret.lastChangedAt = now;
    return this.view(secret, version);
  }

  private view(secret: Secret, version: Version): SecretVersionView {
    return {
      arn: secret.arn,
      name: secret.name,
      versionId: version.id,
      value: version.value,
      versionStages: [...version.stages],
      createdAt: version.createdAt,
    };
  }
}
