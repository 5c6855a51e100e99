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
 * Sends every demo payload once, then one of them again as a vendor retry would (same delivery id), so a new
 * user sees fan-out, quarantine of partial records and a duplicate absorbed, in a few seconds.
 */
export async function sendDemoWebhooks(
  pipeline: LocalPipeline,
  report: (line: string) => void,
  rounds = 1,
): Promise<void> {
  const payloads = demoPayloads(pipeline);
  for (let round = 0; round < rounds; round++) {
    for (const payload of payloads) {
      const source = pipeline.config.sources.find((candidate) => candidate.name === payload.source)!;
      const webhook = vendorWebhook(
        source,
        pipeline.webhookUrl(source.name),
        pipeline.topology.signingSecrets.get(source.name)!,
        payload.body,
        {
          eventType: payload.eventType,
          deliveryId: `demo-${round}-${payload.source}-${payload.eventType || 'event'}`,
          ...senderOf(payload),
        },
      );
      const { status, correlationId } = await postWebhook(webhook);
      report(`${status} ${source.name} ${payload.eventType || '(type in body)'} correlation ${correlationId ?? '-'}`);
    }
  }
}
