import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadStageConfig } from '../../../config/load';
import type { InterchangeConfig } from '../../../config/schema';
import { depth } from '../../../local/observe/pipeline-snapshot';
import { startLocalPipeline, type LocalPipeline } from '../../../local/pipeline';
import { postWebhook, vendorWebhook, type VendorWebhook } from '../../../local/webhook-client';

const ORDER_FIXTURE = readFileSync(path.resolve(__dirname, '../../fixtures/storefront/orders-create.json'), 'utf8');
const FIXTURE_ORDER_ID = 820982911946154508n;

/**
 * The dev topology with time scaled down so failures are quick to observe: few attempts before a dead letter,
 * one-second retry delays and circuit cooldowns, a 20-second retry horizon.
 */
export function e2eConfig(maxAttempts = 3): InterchangeConfig {
  const config = loadStageConfig('dev');
  return {
    ...config,
    destinations: config.destinations.map((destination) => ({
      ...destination,
      maxAttempts,
      retryHorizonSeconds: 20,
      retryBaseSeconds: 1,
      circuitBreaker: { failureThreshold: 5, cooldownSeconds: 1 },
    })),
  };
}

/**
 * Local mode in-process on free ports. Retries come within a test from the connector's own short delays
 * (`retryBaseSeconds: 1`), not from a short visibility timeout, which would hand out records still being delivered.
 */
export function startE2ePipeline(config = e2eConfig()): Promise<LocalPipeline> {
  return startLocalPipeline({ config, port: 0, logLevel: 'SILENT' });
}

/** The Shopify order sample with its order id shifted by `n`, so each test's orders are distinct entities. */
export function storefrontOrder(n: number): { orderId: string; body: string } {
  const orderId = String(FIXTURE_ORDER_ID + BigInt(n));
  return { orderId, body: ORDER_FIXTURE.split(String(FIXTURE_ORDER_ID)).join(orderId) };
}

/**
 * Posts a signed order webhook as Shopify would and returns the ingest's answer. A `deliveryId` given twice is a
 * vendor retry: Shopify keeps the webhook id and the event id of the change it retries.
 */
export function postOrder(pipeline: LocalPipeline, body: string, deliveryId?: string) {
  const source = pipeline.config.sources.find((candidate) => candidate.name === 'storefront')!;
  return postWebhook(
    vendorWebhook(
      source,
      pipeline.webhookUrl('storefront'),
      pipeline.topology.signingSecrets.get('storefront')!,
      body,
      {
        eventType: 'orders/create',
        ...(deliveryId ? { deliveryId, eventId: `event-${deliveryId}` } : {}),
      },
    ),
  );
}

/** Polls until the condition holds; fails with the label when it does not within the time. */
export async function eventually(label: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for: ${label}`);
}

/** ERP requests for one order id, in the order they arrived, answered 2xx. */
export function erpWritesFor(pipeline: LocalPipeline, orderId: string) {
  return pipeline.downstreams
    .get('erp')!
    .accepted()
    .filter((request) => request.path.endsWith(encodeURIComponent(`storefront:${orderId}`)));
}

/** Messages waiting in a destination's delivery queue and its DLQ. */
export async function queueCounts(pipeline: LocalPipeline, destination: string) {
  const queue = pipeline.topology.deliveryQueues.get(destination)!;
  return {
    queued: await depth(pipeline.sqs, queue.url),
    deadLettered: await depth(pipeline.sqs, queue.deadLetter.url),
  };
}

const ERP_ITEM_FIXTURE = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../fixtures/erp/item-updated.json'), 'utf8'),
) as { type: string; timestamp: string; data: Record<string, unknown> };

/** A Business Central item.updated webhook for one SKU with a stock level, stamped `version` ms after a base time. */
export function erpItemUpdate(sku: string, inventory: number, version: number): string {
  const timestamp = new Date(Date.UTC(2026, 10, 24) + version * 1000).toISOString();
  return JSON.stringify({
    ...ERP_ITEM_FIXTURE,
    timestamp,
    data: { ...ERP_ITEM_FIXTURE.data, id: guidFor(sku), number: sku, inventory, lastModifiedDateTime: timestamp },
  });
}

/** Business Central ids are GUIDs; one derived from the SKU keeps each test item its own entity. */
function guidFor(sku: string): string {
  const hex = createHash('sha256').update(sku).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Posts a signed ERP webhook as a Standard Webhooks sender would. */
export function postErpWebhook(pipeline: LocalPipeline, body: string, deliveryId?: string) {
  return postWebhook(erpWebhook(pipeline, body, deliveryId));
}

/** An ERP webhook signed as its vendor signs it, ready to post; a `deliveryId` given twice is a vendor retry. */
export function erpWebhook(pipeline: LocalPipeline, body: string, deliveryId?: string): VendorWebhook {
  const source = pipeline.config.sources.find((candidate) => candidate.name === 'erp')!;
  const secret = pipeline.topology.signingSecrets.get('erp')!;
  return vendorWebhook(source, pipeline.webhookUrl('erp'), secret, body, deliveryId ? { deliveryId } : {});
}
