import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FakeSourceApi } from './fake-source-api';

const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'fixtures');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');

/**
 * The full records local mode's source APIs hold: those the partial webhooks in the fixtures point at, so the
 * demo shows a Shopify inventory level completed with its SKU and an ERP change notification with its item.
 */
export function seedSourceApi(source: string, api: FakeSourceApi): void {
  if (source === 'storefront') {
    api.setRecord(
      '/inventory_items/271878346596884015.json',
      `{"inventory_item":${fixture('storefront/inventory-item.json')}}`,
    );
  }
  if (source === 'erp') {
    const item = (JSON.parse(fixture('erp/item-updated.json')) as { data: { id: string } }).data;
    api.setRecord(`/items(${item.id})`, JSON.stringify(item));
    api.setRecord('/items(26814998-936a-401c-81c1-0e848a64971d)', JSON.stringify(item));
  }
  if (source === 'crm') {
    api.setRecord('/crm/v3/objects/contacts/123', fixture('crm/hubspot-contact.json'));
  }
}
