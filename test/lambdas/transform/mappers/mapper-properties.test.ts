import fc from 'fast-check';
import { mapVendorRecord } from '../../../../lambdas/transform/mappers';
import { canonicalEventSchema } from '../../../../schemas';
import { fixturePayload, toVendorJson, vendorRecord, withField } from './helpers/fixtures';
import { VARIATIONS } from './helpers/fixture-variations';
import { decimalAmount, vendorTimestamp } from './helpers/vendor-arbitraries';

describe.each(VARIATIONS)(
  'every schema-valid variation of $fixture',
  ({ source, eventType, fixture, fields, base }) => {
    it('maps without throwing to canonical events the schema accepts, the same way each time', () => {
      const original = (base ?? ((payload: unknown) => payload))(fixturePayload(fixture));
      fc.assert(
        fc.property(fc.record(fields), (values) => {
          const payload = Object.entries(values).reduce(
            (edited, [path, value]) => withField(edited, path, value),
            original,
          );
          const record = vendorRecord(source, eventType, toVendorJson(payload));

          const result = mapVendorRecord(record);

          if (!result.ok) throw new Error(`${result.reason}: ${JSON.stringify(result.issues)}`);
          expect(result.events.length).toBeGreaterThan(0);
          for (const event of result.events) expect(canonicalEventSchema.safeParse(event).success).toBe(true);
          expect(mapVendorRecord(record)).toEqual(result);
        }),
        { numRuns: 60 },
      );
    });
  },
);

describe('mapped values follow the vendor values', () => {
  it('converts any Shopify line price by integer arithmetic and versions the order by its updated_at', () => {
    fc.assert(
      fc.property(decimalAmount(2), vendorTimestamp, (price, updated) => {
        let payload = withField(fixturePayload('storefront/orders-create.json'), 'line_items.0.price', price.text);
        payload = withField(payload, 'updated_at', updated.text);

        const result = mapVendorRecord(vendorRecord('storefront', 'orders/create', toVendorJson(payload)));

        if (!result.ok) throw new Error(`${result.reason}: ${JSON.stringify(result.issues)}`);
        const [order] = result.events;
        expect(order?.entityversion).toBe(updated.epochMs);
        expect(order?.type === 'interchange.order.v1' && order.data.lines[0]?.unitPrice.amountMinor).toBe(price.minor);
      }),
    );
  });

  it('keeps any big Shopify id exact in the canonical id', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }), (id) => {
        const body = toVendorJson(withField(fixturePayload('storefront/customers-update.json'), 'id', 0)).replace(
          '"id":0',
          `"id":${id}`,
        );

        expect(mapVendorRecord(vendorRecord('storefront', 'customers/update', body))).toMatchObject({
          ok: true,
          events: [{ subject: `storefront:${id}`, data: { sourceIds: { storefront: id.toString() } } }],
        });
      }),
    );
  });
});
