// Lint rules for the whole tree; DESIGN.md's dependency rules are enforced here so a crossed boundary fails CI.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const functionCodeMayNotImport = {
  patterns: [
    { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'Function code and contracts carry no CDK.' },
    {
      group: ['**/lib/*', '**/bin/*', '**/local/*', '**/cli/*', '**/lib', '**/bin', '**/local', '**/cli'],
      message: 'Function code and contracts never import lib/, bin/, local/ or cli/.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.local/', '**/*.js', 'schemas/json/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Write `import * as z from 'zod'`: the named import keeps zod's locales in every bundle (+350 KB).",
        },
      ],
    },
  },
  {
    files: ['lambdas/**/*.ts', 'config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', functionCodeMayNotImport] },
  },
  {
    // The `interchange` bin: a CommonJS shim that loads the TypeScript command line through tsx.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'The command line carries no CDK.' },
            {
              group: ['**/local/*', '**/local'],
              message: 'The command line finds local mode through its endpoints file, never by importing it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\.\\.?/).*', message: 'schemas/ imports nothing but zod.' }] },
      ],
    },
  },
);
