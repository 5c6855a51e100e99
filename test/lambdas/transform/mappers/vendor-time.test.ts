import fc from 'fast-check';
import {
  changeSequence,
  fromEpochMillis,
  fromEpochSeconds,
  parseCalendarDate,
  parseEpochMicros,
  parseVendorTimestamp,
} from '../../../../lambdas/transform/mappers/vendor-time';

describe('parseVendorTimestamp', () => {
  it.each([
    ['2025-10-23T15:55:09.3614767Z', '2025-10-23T15:55:09.361Z'],
    ['2021-12-31T19:00:00-05:00', '2022-01-01T00:00:00.000Z'],
    ['2021-12-31T19:00:00+0530', '2021-12-31T13:30:00.000Z'],
    ['2024-08-02T19:26:51Z', '2024-08-02T19:26:51.000Z'],
    ['2019-10-30T03:30:17.883Z', '2019-10-30T03:30:17.883Z'],
    ['2022-11-03T20:26:10.344522Z', '2022-11-03T20:26:10.344Z'],
    ['2024-02-29T12:00Z', '2024-02-29T12:00:00.000Z'],
    ['2020-08-21 00:24:19.347+00:00', '2020-08-21T00:24:19.347Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseVendorTimestamp(text)?.iso).toBe(iso);
  });

  it.each([
    ['2024-08-05', 'a date without a time'],
    ['2021-12-31T19:00:00', 'a time without a zone'],
    ['2023-02-29T00:00:00Z', 'a day February 2023 does not have'],
    ['2021-13-01T00:00:00Z', 'month 13'],
    ['2021-12-31T24:00:00Z', 'hour 24'],
    ['2021-12-31T23:59:60Z', 'a leap second'],
    ['2021-12-31T19:00:00+25:00', 'an offset beyond a day'],
    ['1564113600000', 'epoch milliseconds as text'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (text) => {
    expect(parseVendorTimestamp(text)).toBeUndefined();
  });

  it('reads every instant back from its ISO form with any offset and up to 9 fractional digits', () => {
    const instant = fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2999-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const offsetMinutes = fc.constantFrom(0, -300, 330, 60, -570, 840);
    fc.assert(
      fc.property(instant, offsetMinutes, fc.integer({ min: 3, max: 9 }), (date, offset, digits) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const text = `${local}${'7'.repeat(digits - 3)}${zone}`;

        expect(parseVendorTimestamp(text)).toEqual({ epochMs: date.getTime(), iso: date.toISOString() });
      }),
    );
  });
});

describe('fromEpochSeconds and fromEpochMillis', () => {
  it('reads Stripe seconds and HubSpot milliseconds', () => {
    expect(fromEpochSeconds(1234567890)?.iso).toBe('2009-02-13T23:31:30.000Z');
    expect(fromEpochMillis(1564113600000)?.iso).toBe('2019-07-26T04:00:00.000Z');
  });

  it.each([1.5, Number.NaN, 1e20, -1e20])('refuses %d', (value) => {
    expect(fromEpochSeconds(value)).toBeUndefined();
    expect(fromEpochMillis(value)).toBeUndefined();
  });
});

describe('parseCalendarDate', () => {
  it.each([
    ['2024-08-05', '2024-08-05'],
    ['2024-08-05T00:00:00Z', '2024-08-05'],
  ])('reads %s as %s', (text, day) => {
    expect(parseCalendarDate(text)).toBe(day);
  });

  it.each(['2024-02-30', '2024-08-05T25:00:00Z', 'August 5', '2024-08-05junk'])('refuses %j', (text) => {
    expect(parseCalendarDate(text)).toBeUndefined();
  });
});

describe('change sequence', () => {
  it('keeps a trigger time down to the microsecond', () => {
    expect(parseEpochMicros('2023-03-29T18:00:27.877041743Z')).toBe(Date.UTC(2023, 2, 29, 18, 0, 27, 877) * 1000 + 41);
    expect(parseEpochMicros('2023-03-29T18:00:27Z')).toBe(Date.UTC(2023, 2, 29, 18, 0, 27) * 1000);
    expect(parseEpochMicros('not a time')).toBeUndefined();
  });

  it('prefers the vendor trigger time, and otherwise orders by when ingest accepted the webhook', () => {
    expect(changeSequence('2023-03-29T18:00:27.000000500Z', '2026-01-01T00:00:00.000Z')).toBe(
      Date.UTC(2023, 2, 29, 18, 0, 27) * 1000,
    );
    expect(changeSequence(undefined, '2026-01-01T00:00:00.250Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 250) * 1000);
    expect(changeSequence('garbage', '2026-01-01T00:00:00.250Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 250) * 1000);
    expect(changeSequence(undefined, '')).toBeUndefined();
  });

  it('orders any two trigger times as the instants they name', () => {
    const nanos = fc.integer({ min: 0, max: 999_999_999 });
    fc.assert(
      fc.property(nanos, nanos, (a, b) => {
        const text = (n: number) => `2026-05-01T10:00:00.${String(n).padStart(9, '0')}Z`;
        const [sa, sb] = [parseEpochMicros(text(a))!, parseEpochMicros(text(b))!];
        if (Math.floor(a / 1000) < Math.floor(b / 1000)) expect(sa).toBeLessThan(sb);
        if (Math.floor(a / 1000) === Math.floor(b / 1000)) expect(sa).toBe(sb);
      }),
    );
  });
});
