/**
 * A minimal Secrets Manager endpoint for local mode and tests. No local tool speaks Secrets Manager, so this serves
 * the AWS JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`) from memory; the SDK and Powertools reach it
 * through AWS_ENDPOINT_URL_SECRETS_MANAGER like any endpoint. Signatures are not checked: there is nothing to protect.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, type ListenOptions } from '../http/loopback-server';
import { readRequestBody } from '../http/request-body';
import { SecretStore } from './secret-store';
import { SecretsManagerError } from './secrets-manager-error';
import { runSecretsManagerOperation } from './secrets-manager-operations';

/** How to start the local Secrets Manager. */
export interface LocalSecretsManagerOptions extends ListenOptions {
  /** Secrets to create at start, name to string value. */
  readonly secrets?: Record<string, string>;
}

/** A running local Secrets Manager. */
export interface LocalSecretsManager {
  /** Base URL for the SDK's `endpoint` or AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  readonly endpoint: string;
  /** Creates the secret, or makes `value` its new AWSCURRENT version. */
  putSecret(name: string, value: string): void;
  /** Operation names received, in order, so tests can see whether a caller used its cache. */
  operations(): readonly string[];
  /** Frees the port and drops open connections. */
  close(): Promise<void>;
}

const TARGET_PREFIX = 'secretsmanager.';

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify(body));
};

const parseRequest = (text: string): Record<string, unknown> => {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SecretsManagerError('SerializationException', 'The request body is not valid JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SecretsManagerError('SerializationException', 'The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
};

/** Starts the endpoint; a port already in use rejects with PortInUseError. */
export const startLocalSecretsManager = async (
  options: LocalSecretsManagerOptions = {},
): Promise<LocalSecretsManager> => {
  const store = new SecretStore();
  const received: string[] = [];
  const putSecret = (name: string, value: string): void => {
    const secretValue = { kind: 'string', text: value } as const;
    try {
      store.putValue(name, secretValue);
    } catch (error) {
      if (!(error instanceof SecretsManagerError && error.code === 'ResourceNotFoundException')) throw error;
      store.create(name, secretValue);
    }
  };
  for (const [name, value] of Object.entries(options.secrets ?? {})) putSecret(name, value);

  const answer = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
    const body = await readRequestBody(request);
    if (!body.ok) throw new SecretsManagerError('ValidationException', 'The request body is too large');
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
      throw new SecretsManagerError(
        'UnknownOperationException',
        `Expected a POST with X-Amz-Target ${TARGET_PREFIX}<Operation>`,
      );
    }
    const operation = target.slice(TARGET_PREFIX.length);
    received.push(operation);
    return runSecretsManagerOperation(store, operation, parseRequest(body.text));
  };

  const server = createServer((request, response) => {
    answer(request).then(
      (result) => send(response, 200, result),
      (error: unknown) => {
        const failure =
          error instanceof SecretsManagerError
            ? error
            : new SecretsManagerError('InternalServiceError', 'The local Secrets Manager failed', { cause: error });
        const { status, body } = failure.toResponse();
        send(response, status, body);
      },
    );
  });
  const endpoint = await listenOnLoopback(server, 'Local Secrets Manager', options);

  return { endpoint, putSecret, operations: () => [...received], close: () => closeServer(server) };
};
