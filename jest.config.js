/**
 * Unit, infrastructure and end-to-end tests. Type errors are caught by `npm run typecheck`, so ts-jest only
 * transpiles. @middy/core and cockatiel ship ESM only, so they are transpiled to CommonJS like the project's own code.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: {
          isolatedModules: true,
          allowJs: true,
          rootDir: '.',
          module: 'commonjs',
          moduleResolution: 'node10',
          ignoreDeprecations: '6.0',
        },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/|cockatiel/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
};
