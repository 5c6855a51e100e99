import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sourceEventTypes } from '../lambdas/shared/source-event-types';
import type { LocalPipeline } from './pipeline';
import { postWebhook, vendorWebhook } from './webhook-client';

/** A vendor payload from the project's fixtures: real vendor samples and ones written from vendor references. */
export interface DemoPayload {
  readonly source: string;
  readonly eventType: string;
  readonly body: Buffer;
}

const FIXTURES = path.resolve(__dirname, '..', 'test', 'fixtures');

/** ShipBob posts to logistics beside EasyPost, signing as Standard Webhooks with its topic in a header. */
function senderOf(payload: DemoPayload): { scheme?: 'standard-webhooks' } {
  return payload.source === 'logistics' && payload.eventType.startsWith('order.')
    ? { scheme: 'standard-webhooks' }
    : {};
}

/** The fixtures each configured source accepts, as a vendor would send them. */
export function demoPayloads(pipeline: Pick<LocalPipeline, 'config'>): DemoPayload[] {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as {
    source: string;
    eventType: string;
    payload: string;
  }[];
  return manifest
    .map(({ source, eventType, payload }) => ({ source, eventType, body: readFileSync(path.join(FIXTURES, payload)) }))
    .filter(({ source, eventType, body }) => {
      const config = pipeline.config.sources.find((candidate) => candidate.name === source);
      if (!config) return false;
      const accepted = sourceEventTypes(source);
      if (eventType !== '') return config.eventTypeHeader !== undefined && accepted.includes(eventType);
      if (!config.eventTypeField) return true;
      const document = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      return accepted.includes(String(document[config.eventTypeField]));
    });
}

/**
 * Sends every demo payload once, then the first again as a vendor retry would (same body, same delivery id), so a
 * new user sees in a few seconds fan-out, partial records (a stock level without its SKU, a Business Central change
 * notification, a HubSpot creation event) completed from their source's API, and the retry absorbed as a duplicate.
 */
export async function sendDemoWebhooks(
  pipeline: LocalPipeline,
  report: (line: string) => void,
  rounds = 1,
): Promise<void> {
  const payloads = demoPayloads(pipeline);
  const send = async (payload: DemoPayload, deliveryId: string, note = '') => {
    const source = pipeline.config.sources.find((candidate) => candidate.name === payload.source)!;
    const webhook = vendorWebhook(
      source,
      pipeline.webhookUrl(source.name),
      pipeline.topology.signingSecrets.get(source.name)!,
      payload.body,
      // A retry keeps the delivery id and the vendor's id of the change (Shopify's X-Shopify-Event-Id).
      { eventType: payload.eventType, deliveryId, eventId: deliveryId, ...senderOf(payload) },
    );
    const { status, correlationId } = await postWebhook(webhook);
    report(
      `${status} ${source.name} ${payload.eventType || '(type in body)'} correlation ${correlationId ?? '-'}${note}`,
    );
  };
  // One id per delivery, as vendors make them: two payloads sharing one would be one change with two bodies, which
  // idempotency's payload check refuses. Letters, digits and dashes only, as Standard Webhooks' message ids are.
  const deliveryIdOf = (index: number, round: number) => `demo-${round}-${index}`;
  for (let round = 0; round < rounds; round++) {
    for (const [index, payload] of payloads.entries()) await send(payload, deliveryIdOf(index, round));
  }
  const retried = payloads[0];
  if (retried) await send(retried, deliveryIdOf(0, 0), ' (a vendor retry: absorbed as duplicates skipped)');
}
