import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORRELATION_HEADER } from '../shared/correlation';
import type { IngestDecision, WebhookRequest } from './accept-webhook';

/** The queue or the secret store could not be reached: the vendor gets a 5xx and retries later. */
export interface IngestUnavailable {
  readonly unavailable: true;
  readonly correlationId: string;
}

/** API Gateway's HTTP API event as the decision's input; HTTP API already lower-cases header names. */
export function toWebhookRequest(event: APIGatewayProxyEventV2): WebhookRequest {
  return {
    method: event.requestContext.http.method,
    headers: event.headers ?? {},
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
  return {
    statusCode: outcome.status,
    headers: outcome.status === 405 ? { ...headers, allow: 'POST' } : headers,
    body: JSON.stringify({ error: outcome.error, correlationId: outcome.correlationId }),
  };
}
