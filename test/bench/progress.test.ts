import { progressReporter } from '../../bench/progress';

describe('progressReporter', () => {
  it('stamps each line with the elapsed time and the benchmark it comes from', () => {
    const written: string[] = [];
    progressReporter((text) => written.push(text))('ingest')('shopify 1024 B done');
    expect(written).toEqual(['[00:00] ingest: shopify 1024 B done\n']);
  });
});
