import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
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

/**
 * An HTTP API stand-in: `ANY /webhooks/<source>` becomes a payload-2.0 event for that source's ingest
 * function, as API Gateway builds it; any other path is API Gateway's own 404.
 */
export async function startLocalApiGateway(
  routes: ReadonlyMap<string, LocalFunction>,
  options: { port?: number } = {},
): Promise<LocalApiGateway> {
  const server: Server = createServer((request, response) => {
    route(routes, request, response).catch((error: unknown) => {
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

function toEvent(request: IncomingMessage, path: string, body: Buffer): APIGatewayProxyEventV2 {
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
    routeKey: `ANY ${path}`,
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
      routeKey: `ANY ${path}`,
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
  response.writeHead(result.statusCode ?? 200, { 'content-type': 'application/json', ...result.headers });
  response.end(body);
}
