import fc from 'fast-check';
import { sizedBody } from '../../../bench/ingest/sized-body';

describe('sizedBody', () => {
  it('is a JSON document of exactly the size asked for, carrying the given fields', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 70_000 }), (bytes) => {
        const body = sizedBody(bytes, { type: 'payment_intent.succeeded' });
        expect(Buffer.byteLength(body)).toBe(bytes);
        expect(JSON.parse(body)).toMatchObject({ type: 'payment_intent.succeeded', items: expect.any(Array) });
      }),
      { numRuns: 40 },
    );
  });

  it('fills the body with line items rather than padding', () => {
    const body = JSON.parse(sizedBody(256 * 1024, {})) as { items: unknown[]; note: string };
    expect(body.items.length).toBeGreaterThan(1000);
    expect(body.note.length).toBeLessThan(400);
  });

  it('refuses a size too small for its own fields', () => {
    expect(() => sizedBody(20, { type: 'x' })).toThrow(new RangeError("20 bytes cannot hold the body's own fields"));
  });
});
