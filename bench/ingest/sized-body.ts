/**
 * A JSON webhook body of an exact size, shaped like a vendor's: the fields the source reads (its event type)
 * at the top, then line items of mixed types, so parsing costs what a real body of that size costs. ASCII only,
 * so characters and bytes agree.
 */
export function sizedBody(bytes: number, topLevel: Readonly<Record<string, string | number>>): string {
  const head = JSON.stringify({ ...topLevel, id: 820982911946154, items: [] }).slice(0, -2);
  const items: string[] = [];
  const tail = '],"note":""}'.length;
  // Kept as a running total: measuring the joined items each time would be quadratic in the body size.
  let itemsLength = 0;
  const length = () => head.length + itemsLength + tail;
  for (let index = 0; ; index++) {
    const item = JSON.stringify({
      id: 466157049 + index,
      sku: `SKU-${String(index).padStart(6, '0')}`,
      title: `Item ${index} of the order`,
      quantity: 1 + (index % 4),
      price: `${(index % 97) + 0.99}`,
      taxable: index % 2 === 0,
      tax_lines: [{ rate: 0.06, title: 'State tax' }],
    });
    const separator = items.length > 0 ? 1 : 0;
    if (length() + separator + item.length > bytes) break;
    items.push(item);
    itemsLength += separator + item.length;
  }
  const padding = bytes - length();
  if (padding < 0) throw new RangeError(`${bytes} bytes cannot hold the body's own fields`);
  return `${head}${items.join(',')}],"note":"${'x'.repeat(padding)}"}`;
}
