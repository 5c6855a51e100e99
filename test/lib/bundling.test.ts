import { FUNCTION_BUNDLE, functionBuildOptions } from '../../lib/bundling';

describe('functionBuildOptions', () => {
  test('takes every esbuild option from the definition the CDK app bundles with', () => {
    const { banner, ...options } = FUNCTION_BUNDLE;

    expect(functionBuildOptions()).toEqual({ ...options, bundle: true, banner: { js: banner } });
  });

  test('bundles minified ESM for Node.js, preferring module entry points, with maps that carry no sources', () => {
    expect(functionBuildOptions()).toMatchObject({
      format: 'esm',
      platform: 'node',
      minify: true,
      mainFields: ['module', 'main'],
      sourcesContent: false,
    });
  });
});
