import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORRELATION_HEADER } from '../shared/correlation';
import type { IngestDecision, WebhookRequest } from './accept-webhook';

/** The queue or the secret store could not be reached: the vendor gets a 5xx and retries later. */
export interface IngestUnavailable {
  readonly unavailable: true;
  readonly correlationId: string;
}

/**
 * API Gateway's HTTP API event as the decision's input; HTTP API already lower-cases header names. The URL is
 * rebuilt as the vendor called it: API Gateway serves HTTPS only and says so in `x-forwarded-proto`.
 */
export function toWebhookRequest(event: APIGatewayProxyEventV2): WebhookRequest {
  const headers = event.headers ?? {};
  const protocol = headers['x-forwarded-proto'] ?? 'https';
  const host = headers.host ?? event.requestContext.domainName;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  return {
    method: event.requestContext.http.method,
    url: `${protocol}://${host}${event.rawPath}${query}`,
    query: event.queryStringParameters ?? {},
    headers,
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
  };
}

/** The answer a vendor sees: the correlation id always, a reason only in words safe to show. */
export function respond(outcome: IngestDecision | IngestUnavailable): APIGatewayProxyStructuredResultV2 {
  const headers = { 'content-type': 'application/json', [CORRELATION_HEADER]: outcome.correlationId };
  if ('unavailable' in outcome) {
    return {
      statusCode: 503,
      headers: { ...headers, 'retry-after': '5' },
      body: JSON.stringify({ error: 'temporarily unavailable', correlationId: outcome.correlationId }),
    };
  }
  if (outcome.accepted) {
    return { statusCode: 202, headers, body: JSON.stringify({ correlationId: outcome.correlationId }) };
  }
  if ('handshake' in outcome) {
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'x-content-type-options': 'nosniff',
        [CORRELATION_HEADER]: outcome.correlationId,
      },
      body: outcome.handshake,
    };
  }
  if ('unrouted' in outcome) {
    return { statusCode: 200, headers, body: JSON.stringify({ correlationId: outcome.correlationId, routed: false }) };
  }
  return {
    statusCode: outcome.status,
    headers: outcome.status === 405 ? { ...headers, allow: 'POST' } : headers,
    body: JSON.stringify({ error: outcome.error, correlationId: outcome.correlationId }),
  };
}
