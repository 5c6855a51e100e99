import { mapVendorRecord } from '../../../../lambdas/transform/mappers';
import {
  fixturePayload,
  toVendorJson,
  vendorRecord,
  withField,
  withoutField,
  withRenamedField,
} from './helpers/fixtures';
import { RELIED_ON_FIELDS } from './helpers/relied-on-fields';

function mapEdited(source: string, eventType: string, payload: unknown) {
  return mapVendorRecord(vendorRecord(source, eventType, toVendorJson(payload)));
}

describe.each(RELIED_ON_FIELDS)('drift in $fixture', ({ source, eventType, fixture, path, wrongType }) => {
  const original = fixturePayload(fixture);

  it(`is drift naming ${path} when the field is removed`, () => {
    const result = mapEdited(source, eventType, withoutField(original, path));

    expect(result).toEqual({
      ok: false,
      reason: 'drift',
      issues: [{ path, message: expect.stringContaining('missing') }],
    });
  });

  it(`is drift naming ${path} when the field is renamed`, () => {
    const result = mapEdited(source, eventType, withRenamedField(original, path, 'renamedByVendor'));

    expect(result).toEqual({
      ok: false,
      reason: 'drift',
      issues: [{ path, message: expect.stringContaining('missing') }],
    });
  });

  it(`is drift naming ${path} when the field changes type to ${JSON.stringify(wrongType)}`, () => {
    const result = mapEdited(source, eventType, withField(original, path, wrongType));

    expect(result).toMatchObject({ ok: false, reason: 'drift', issues: [{ path }] });
  });
});

describe('drift that is not a missing field', () => {
  it('names a Stripe event whose type field disappeared', () => {
    const payload = withoutField(fixturePayload('payments/refund-created.json'), 'type');

    expect(mapEdited('payments', '', payload)).toEqual({
      ok: false,
      reason: 'drift',
      issues: [{ path: 'type', message: 'missing (expected string)' }],
    });
  });

  it('names an amount with more decimal places than its currency has', () => {
    const payload = withField(fixturePayload('storefront/orders-create.json'), 'line_items.0.price', '89.999');

    expect(mapEdited('storefront', 'orders/create', payload)).toEqual({
      ok: false,
      reason: 'drift',
      issues: [{ path: 'line_items.0.price', message: '89.999 has more decimal places than USD allows (2)' }],
    });
  });

  it('names a Business Central id that is the all-zero GUID ("none")', () => {
    const payload = withField(
      fixturePayload('erp/item-updated.json'),
      'data.id',
      '00000000-0000-0000-0000-000000000000',
    );

    expect(mapEdited('erp', '', payload)).toMatchObject({
      reason: 'drift',
      issues: [{ path: 'data.id', message: expect.stringContaining('all-zero GUID') }],
    });
  });

  it('names a status value the vendor added without notice', () => {
    const payload = withField(
      fixturePayload('logistics/easypost-tracker_updated-event.json'),
      'result.status',
      'teleported',
    );

    expect(mapEdited('logistics', 'tracker.updated', payload)).toMatchObject({
      reason: 'drift',
      issues: [{ path: 'result.status', message: expect.stringContaining('Invalid option') }],
    });
  });

  it('names a value the canonical contract refuses (a line with quantity 0)', () => {
    const payload = withField(fixturePayload('storefront/orders-create.json'), 'line_items.0.quantity', 0);

    expect(mapEdited('storefront', 'orders/create', payload)).toMatchObject({
      reason: 'drift',
      issues: [{ path: 'canonical.0.data.lines.0.quantity', message: expect.stringContaining('interchange.order.v1') }],
    });
  });

  it('names a fractional stock figure from the ERP', () => {
    const payload = withField(fixturePayload('erp/item-updated.json'), 'data.inventory', 2.5);

    expect(mapEdited('erp', '', payload)).toEqual({
      ok: false,
      reason: 'drift',
      issues: [{ path: 'data.inventory', message: '2.5 is not a whole number of units' }],
    });
  });
});
