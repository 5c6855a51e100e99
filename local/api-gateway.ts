import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './http';
import type { LocalFunction } from './lambda-runtime';

/** API Gateway refuses bodies above 10 MB before any function runs. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(application\/([\w.+-]*json|xml|x-www-form-urlencoded)|text\/)/i;

export interface LocalApiGateway {
  readonly url: string;
  close(): Promise<void>;
}

/** The read API's functions: the authorizer API Gateway calls first, and the reader behind it. */
export interface LocalReadApi {
  readonly authorizer: LocalFunction;
  readonly reader: LocalFunction;
}

/**
 * An HTTP API stand-in: `ANY /webhooks/<source>` becomes a payload-2.0 event for that source's ingest
 * function, as API Gateway builds it; `GET /v1/...` goes through the read API's Lambda authorizer (simple
 * responses, identity source `Authorization`: absent 401, refused 403) to the reader with the authorizer's context;
 * any other path is API Gateway's own 404. The authorizer's answers are not cached here, so a changed key is seen at
 * once.
 */
export async function startLocalApiGateway(
  routes: ReadonlyMap<string, LocalFunction>,
  options: { port?: number; readApi?: { current?: LocalReadApi } } = {},
): Promise<LocalApiGateway> {
  const readApi = options.readApi ?? {};
  const server: Server = createServer((request, response) => {
    const routed = /^\/v1\//.test(request.url ?? '')
      ? routeRead(readApi.current, request, response)
      : route(routes, request, response);
    routed.catch((error: unknown) => {
      // A connection already closed (the caller gave up, or local mode is stopping) has no one left to tell.
      if (response.destroyed) return;
      answer(response, { statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
      process.emitWarning(`local API gateway: ${String(error)}`);
    });
  });
  const url = await listenOnLoopback(server, 'webhook API', { port: options.port ?? 0 });
  return { url, close: () => closeServer(server) };
}

async function route(routes: ReadonlyMap<string, LocalFunction>, request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? '/').split('?')[0]!;
  const match = /^\/webhooks\/([^/]+)$/.exec(path);
  const ingest = match ? routes.get(match[1]!) : undefined;
  if (!ingest) {
    request.resume();
    return answer(response, { statusCode: 404, body: JSON.stringify({ message: 'Not Found' }) });
  }
  const body = await readBody(request);
  if (body === undefined) {
    return answer(response, { statusCode: 413, body: JSON.stringify({ message: 'Request Entity Too Large' }) });
  }
  const result = await ingest.invoke<APIGatewayProxyStructuredResultV2>(toEvent(request, path, body));
  answer(response, result);
}

const READ_ROUTES = [
  { routeKey: 'GET /v1/{entity}/{id+}', pattern: /^\/v1\/([^/]+)\/(.+)$/ },
  { routeKey: 'GET /v1/{entity}', pattern: /^\/v1\/([^/]+)$/ },
];

async function routeRead(readApi: LocalReadApi | undefined, request: IncomingMessage, response: ServerResponse) {
  request.resume();
  const path = (request.url ?? '/').split('?')[0]!;
  const matched = READ_ROUTES.map((route) => ({ ...route, match: route.pattern.exec(path) })).find((r) => r.match);
  if (!readApi || !matched || request.method !== 'GET') {
    return answer(response, { statusCode: 404, body: JSON.stringify({ message: 'Not Found' }) });
  }
  const event = toEvent(request, path, Buffer.alloc(0), matched.routeKey);
  const pathParameters = {
    entity: matched.match![1]!,
    ...(matched.match![2] !== undefined ? { 'id+': matched.match![2] } : {}),
  };
  const authorization = event.headers.authorization;
  if (!authorization) return answer(response, { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) });
  const decision = await readApi.authorizer.invoke<APIGatewaySimpleAuthorizerWithContextResult<unknown>>({
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:000000000000:local/$default/GET${path}`,
    identitySource: [authorization],
    routeKey: matched.routeKey,
    rawPath: path,
    rawQueryString: event.rawQueryString,
    cookies: [],
    headers: event.headers,
    ...(event.queryStringParameters ? { queryStringParameters: event.queryStringParameters } : {}),
    pathParameters,
    requestContext: event.requestContext,
  } satisfies APIGatewayRequestAuthorizerEventV2);
  if (!decision.isAuthorized) {
    return answer(response, { statusCode: 403, body: JSON.stringify({ message: 'Forbidden' }) });
  }
  const result = await readApi.reader.invoke<APIGatewayProxyStructuredResultV2>({
    ...event,
    pathParameters,
    requestContext: { ...event.requestContext, authorizer: { lambda: decision.context } },
  });
  answer(response, result);
}

function toEvent(
  request: IncomingMessage,
  path: string,
  body: Buffer,
  routeKey = `ANY ${path}`,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values) headers[name] = values.join(',');
  }
  // API Gateway sets the protocol the client used; here it is always plain HTTP on the loopback.
  headers['x-forwarded-proto'] = 'http';
  const query = (request.url ?? '').split('?')[1] ?? '';
  const parameters = Object.fromEntries(new URLSearchParams(query));
  const asText = TEXT_TYPES.test(headers['content-type'] ?? '') && isUtf8(body);
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query,
    ...(query ? { queryStringParameters: parameters } : {}),
    headers,
    isBase64Encoded: body.length > 0 && !asText,
    ...(body.length > 0 ? { body: asText ? body.toString('utf8') : body.toString('base64') } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function answer(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  const status = result.statusCode ?? 200;
  response.writeHead(status, { 'content-type': 'application/json', ...result.headers });
  // A 304 carries no body, as HTTP requires.
  response.end(status === 304 ? undefined : body);
}
