import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin that swaps Powertools Tracer (and with it aws-xray-sdk-core, cls-hooked and semver) for a
 * no-op of the same shape, so a what-if bundle shows what tracing costs a function in bytes and init time.
 * Never used for the deployed bundle; only for the cost figure.
 */
export const withoutTracer: Plugin = {
  name: 'without-tracer',
  setup(build) {
    build.onResolve({ filter: /^@aws-lambda-powertools\/tracer(\/middleware)?$/ }, (args) => ({
      path: args.path,
      namespace: 'tracer-stub',
    }));
    build.onLoad({ filter: /.*/, namespace: 'tracer-stub' }, (args) => ({
      loader: 'js',
      contents: args.path.endsWith('/middleware')
        ? 'export const captureLambdaHandler = () => ({ before: () => undefined });'
        : [
            'const noop = new Proxy({}, {',
            "  get: (_, name) => name === 'captureAWSv3Client' ? (client) => client : name === 'isTracingEnabled' ? () => false : () => undefined,",
            '});',
            'export class Tracer { constructor() { return noop; } }',
          ].join('\n'),
    }));
  },
};
