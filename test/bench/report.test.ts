import { table } from '../../bench/report';

describe('table', () => {
  it('aligns text left and numbers right under a rule', () => {
    expect(
      table(
        ['name', 'n'],
        [
          ['ab', 1],
          ['c', 100],
        ],
      ),
    ).toBe(['name    n', '----  ---', 'ab      1', 'c     100'].join('\n'));
  });
});
