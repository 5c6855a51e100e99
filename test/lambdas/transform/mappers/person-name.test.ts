import { mapVendorRecord } from '../../../../lambdas/transform/mappers';
import { canonicalName } from '../../../../lambdas/transform/mappers/person-name';
import { fixturePayload, toVendorJson, vendorRecord, withField } from './helpers/fixtures';

describe('canonicalName', () => {
  it('gives {customerId, firstName, lastName} and {id, full_name} the same canonical name', () => {
    const oneSystem = { customerId: 'C-1', firstName: 'Bob', lastName: 'Biller' };
    const otherSystem = { id: 'C-1', full_name: 'Bob Biller' };

    const fromParts = canonicalName({ given: oneSystem.firstName, family: oneSystem.lastName });
    const fromWhole = canonicalName({ full: otherSystem.full_name });

    expect(fromParts.name).toBe('Bob Biller');
    expect(fromWhole.name).toBe(fromParts.name);
  });

  it.each([
    [
      { given: '  Bob ', family: null },
      { name: 'Bob', givenName: 'Bob' },
    ],
    [
      { given: '', family: 'Biller' },
      { name: 'Biller', familyName: 'Biller' },
    ],
    [
      { full: 'Bob   Biller', given: 'Robert' },
      { name: 'Bob Biller', givenName: 'Robert' },
    ],
    [{ given: ' ', family: '', full: null }, {}],
  ])('reads %j as %j', (parts, expected) => {
    expect(canonicalName(parts)).toEqual(expected);
  });

  it('names a Shopify customer (first_name, last_name) and an ERP customer (displayName) alike', () => {
    const shopify = mapVendorRecord(
      vendorRecord('storefront', 'customers/update', toVendorJson(fixturePayload('storefront/customers-update.json'))),
    );
    const erpPayload = withField(fixturePayload('erp/customer-updated.json'), 'data.displayName', 'Bob Biller');
    const erp = mapVendorRecord(vendorRecord('erp', '', toVendorJson(erpPayload)));

    if (!shopify.ok || !erp.ok) throw new Error('both customers should map');
    expect(shopify.events[0]?.data).toMatchObject({ name: 'Bob Biller' });
    expect(erp.events[0]?.data).toMatchObject({ name: 'Bob Biller' });
  });
});
