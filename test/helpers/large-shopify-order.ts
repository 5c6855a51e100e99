import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A Shopify `orders/create` body of at least `targetBytes`, built from the published sample order: the sample's line
 * items repeated with their own ids, SKUs, discount allocations and properties, the way a large wholesale order
 * looks, plus a long order note. Ids keep Shopify's width (above 2^53), so they are written as raw JSON numbers.
 */
const SAMPLE = readFileSync(path.resolve(__dirname, '../fixtures/storefront/orders-create.json'), 'utf8');

interface SampleOrder {
  id: unknown;
  line_items: Record<string, unknown>[];
  note: string | null;
  [field: string]: unknown;
}

const BIG = /"__big_(\d+)__"/g;

export function largeShopifyOrder(targetBytes: number, orderId: bigint): { body: string; lineItems: number } {
  const order = JSON.parse(SAMPLE) as SampleOrder;
  const templates = order.line_items;
  const lines: Record<string, unknown>[] = [];
  const base = {
    ...order,
    id: `__big_${orderId}__`,
    line_items: lines,
    note: 'Deliver to dock 4, pallets labelled by PO line.',
  };
  const size = () => Buffer.byteLength(JSON.stringify(base).replace(BIG, '$1'));
  const lineFor = (index: number) => {
    const template = templates[index % templates.length]!;
    return {
      ...template,
      id: `__big_${9_007_199_254_740_993n + BigInt(index)}__`,
      admin_graphql_api_id: `gid://shopify/LineItem/${9_007_199_254_740_993n + BigInt(index)}`,
      sku: `WHS-${String(index).padStart(6, '0')}`,
      title: `${String(template.title)} (case ${index})`,
      quantity: 1 + (index % 12),
      properties: [
        { name: 'PO line', value: String(index + 1) },
        { name: 'Engraving', value: `Batch ${index % 37} – “Grüße aus Köln” ✓` },
      ],
    };
  };
  let bytes = size();
  while (bytes < targetBytes) {
    const line = lineFor(lines.length);
    lines.push(line);
    bytes += Buffer.byteLength(JSON.stringify(line).replace(BIG, '$1')) + 1;
  }
  const body = JSON.stringify(base).replace(BIG, '$1');
  return { body, lineItems: lines.length };
}
