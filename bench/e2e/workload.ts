import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SignatureSchemeConfig } from '../../config/schema';

/**
 * The webhooks the end-to-end benchmark sends: fixtures that map to canonical events as they are, and HubSpot's
 * notification, which completes to one through the CRM's API; each sent as many distinct entities. Entity ids are rewritten per webhook because
 * canonical event ids derive from them: the same id sent twice is one event, which idempotency rightly collapses.
 */

const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'fixtures');

/** One vendor payload the benchmark sends, as the nth distinct entity. */
export interface WorkloadWebhook {
  readonly source: string;
  /** The topic header's value; '' where the vendor puts the type in the body. */
  readonly eventType: string;
  readonly body: string;
  /** Full records the source's API must serve for this webhook to complete: path to JSON body. */
  readonly sourceRecords: Readonly<Record<string, string>>;
  /** The scheme its sender signs with, when the source takes several (ShipBob's beside EasyPost's). */
  readonly scheme?: SignatureSchemeConfig['kind'];
}

/** A fixture and how its entity ids become those of the nth entity. */
export interface WorkloadTemplate {
  readonly source: string;
  readonly eventType: string;
  readonly fixture: string;
  /** Exact text in the fixture to the text it becomes for entity n; every one must occur in the fixture. */
  readonly ids: readonly (readonly [original: string, variant: (n: number) => string])[];
  /** Records the source's API serves for entity n, when the webhook is a notification without the record. */
  readonly sourceRecords?: (n: number) => Record<string, string>;
  readonly scheme?: SignatureSchemeConfig['kind'];
}

const shifted = (id: string) => (n: number) => String(BigInt(id) + BigInt(n));
const suffixed = (id: string) => (n: number) => `${id}${n.toString(36)}`;
/** A GUID whose last group carries n, so Business Central ids stay GUIDs. */
const guid = (id: string) => (n: number) => `${id.slice(0, -12)}${n.toString(16).padStart(12, '0')}`;
const quoted = (text: string, variant: (n: number) => string) =>
  [`"${text}"`, (n: number) => `"${variant(n)}"`] as const;

const HUBSPOT_CONTACT = readFileSync(path.join(FIXTURES, 'crm/hubspot-contact.json'), 'utf8');
const hubSpotContactId = (n: number) => String(1_000_000 + n);

/** Every payload kind the benchmark mixes, covering all five sources and all five canonical event types. */
export const WORKLOAD_TEMPLATES: readonly WorkloadTemplate[] = [
  {
    source: 'storefront',
    eventType: 'orders/create',
    fixture: 'storefront/orders-create.json',
    ids: [['820982911946154508', shifted('820982911946154508')]],
  },
  {
    source: 'storefront',
    eventType: 'customers/create',
    fixture: 'storefront/customers-update.json',
    ids: [['706405506930370084', shifted('706405506930370084')]],
  },
  {
    source: 'storefront',
    eventType: 'fulfillments/create',
    fixture: 'storefront/fulfillments-create.json',
    ids: [
      ['"id": 123456,', (n) => `"id": ${123456 + n},`],
      ['Fulfillment/123456"', (n) => `Fulfillment/${123456 + n}"`],
    ],
  },
  {
    source: 'storefront',
    eventType: 'refunds/create',
    fixture: 'storefront/refunds-create.json',
    ids: [
      ['245135271310201194', shifted('245135271310201194')],
      ['839212141605670573', shifted('839212141605670573')],
    ],
  },
  {
    source: 'payments',
    eventType: '',
    fixture: 'payments/payment_intent-succeeded.json',
    ids: [quoted('pi_1PgafyB7WZ01zgkWSjxsAJo3', suffixed('pi_1PgafyB7WZ01zgkWSjxsAJo3'))],
  },
  {
    source: 'payments',
    eventType: '',
    fixture: 'payments/payment_intent-payment_failed.json',
    ids: [quoted('pi_1PgafyB7WZ01zgkWSjxsAJo3', suffixed('pi_1PgafyB7WZ01zgkWSjxsAJo3'))],
  },
  {
    source: 'payments',
    eventType: '',
    fixture: 'payments/charge-refunded.json',
    ids: [quoted('ch_1PgafuB7WZ01zgkWXYmPNZs8', suffixed('ch_1PgafuB7WZ01zgkWXYmPNZs8'))],
  },
  {
    source: 'payments',
    eventType: '',
    fixture: 'payments/refund-created.json',
    ids: [quoted('re_1Pgc72B7WZ01zgkWqPvrRrPE', suffixed('re_1Pgc72B7WZ01zgkWqPvrRrPE'))],
  },
  {
    source: 'erp',
    eventType: '',
    fixture: 'erp/item-updated.json',
    ids: [
      quoted('fca5738a-44e3-ea11-bb43-000d3a2feca1', guid('fca5738a-44e3-ea11-bb43-000d3a2feca1')),
      quoted('1896-S', (n) => `1896-S-${n}`),
    ],
  },
  {
    source: 'erp',
    eventType: '',
    fixture: 'erp/customer-updated.json',
    ids: [quoted('f2a5738a-44e3-ea11-bb43-000d3a2feca1', guid('f2a5738a-44e3-ea11-bb43-000d3a2feca1'))],
  },
  {
    source: 'logistics',
    eventType: '',
    fixture: 'logistics/easypost-tracker_updated-event.json',
    ids: [['"id":"trk_1"', (n) => `"id":"trk_1${n.toString(36)}"`]],
  },
  {
    source: 'logistics',
    eventType: 'order.shipment.tracking_received',
    scheme: 'standard-webhooks',
    fixture: 'logistics/shipbob-order_shipment_tracking_received.json',
    ids: [
      ['"order_id": 100000001', (n) => `"order_id": ${100000001 + n}`],
      ['9261290306529427911297', shifted('9261290306529427911297')],
    ],
  },
  {
    source: 'crm',
    eventType: '',
    fixture: 'crm/hubspot-webhook-contact_creation.json',
    ids: [['"objectId":123', (n) => `"objectId":${hubSpotContactId(n)}`]],
    sourceRecords: (n) => ({
      [`/crm/v3/objects/contacts/${hubSpotContactId(n)}`]: HUBSPOT_CONTACT.replace(
        '"id": "512"',
        `"id": "${hubSpotContactId(n)}"`,
      ),
    }),
  },
];

const fixtureText = new Map<string, string>();
function readFixture(file: string): string {
  let text = fixtureText.get(file);
  if (text === undefined) {
    text = readFileSync(path.join(FIXTURES, file), 'utf8');
    fixtureText.set(file, text);
  }
  return text;
}

/** A fixture's id that is no longer in it: the fixture changed and the template must follow. */
export class StaleTemplateError extends Error {
  override readonly name = 'StaleTemplateError';
}

/** The template's payload as entity n, every listed id rewritten. */
export function webhookFor(template: WorkloadTemplate, n: number): WorkloadWebhook {
  let body = readFixture(template.fixture);
  for (const [original, variant] of template.ids) {
    if (!body.includes(original)) throw new StaleTemplateError(`${template.fixture} no longer holds ${original}`);
    body = body.split(original).join(variant(n));
  }
  return {
    source: template.source,
    eventType: template.eventType,
    body,
    sourceRecords: template.sourceRecords?.(n) ?? {},
    ...(template.scheme ? { scheme: template.scheme } : {}),
  };
}

/** `count` webhooks cycling through the templates; webhook i is entity i + 1, so no two share an entity. */
export function workload(
  count: number,
  templates: readonly WorkloadTemplate[] = WORKLOAD_TEMPLATES,
): WorkloadWebhook[] {
  return Array.from({ length: count }, (_, i) => webhookFor(templates[i % templates.length]!, i + 1));
}
