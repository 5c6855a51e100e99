import fc from 'fast-check';
import { age, parseTime, table } from '../../cli/output';

describe('parseTime', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  test.each([
    ['30s', now - 30_000],
    ['45m', now - 45 * 60_000],
    ['2h', now - 2 * 3_600_000],
    ['7d', now - 7 * 86_400_000],
    ['2026-11-30T08:00:00Z', Date.parse('2026-11-30T08:00:00Z')],
  ])('%s', (text, expected) => {
    expect(parseTime(text, now)).toBe(expected);
  });

  test('anything else is refused with the forms it takes', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let parsed: number | undefined;
        try {
          parsed = parseTime(text, now);
        } catch (error) {
          expect((error as Error).message).toContain('use ISO 8601, or a span back from now like 30m, 2h, 7d');
          return;
        }
        expect(Number.isFinite(parsed)).toBe(true);
      }),
    );
    expect(() => parseTime('yesterday', now)).toThrow('not a time: "yesterday"');
  });
});

describe('table', () => {
  test('pads every column but the last to its widest cell, colour codes not counted', () => {
    const rendered = table(
      ['A', 'LONGER'],
      [
        ['\u001b[31mxx\u001b[0m', 'y'],
        ['xxxx', 'z'],
      ],
      { colour: false },
    );
    expect(rendered.split('\n')).toEqual(['A     LONGER', '\u001b[31mxx\u001b[0m    y', 'xxxx  z']);
  });

  test('bold headers only on a terminal', () => {
    expect(table(['A'], [], { colour: true })).toBe('\u001b[1mA\u001b[0m');
  });
});

test('age reads as people say it', () => {
  expect([age(undefined), age(45), age(600), age(3 * 3600), age(3 * 86_400)]).toEqual(['-', '45s', '10m', '3h', '3d']);
});
