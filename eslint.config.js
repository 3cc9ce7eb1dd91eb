// @ts-check
// Flat config. typescript-eslint for the server, benchmarks and browser tests; angular-eslint (TypeScript
// and templates, inline ones included) for the console. Run: npx eslint server console/src e2e bench drill
const tseslint = require('typescript-eslint');
const angular = require('angular-eslint');

const noOnly = ['describe', 'it', 'test'].map((object) => ({
  object,
  property: 'only',
  message: 'Focused tests hide the rest of the suite; remove .only before committing.',
}));

const sharedRules = {
  '@typescript-eslint/no-explicit-any': 'error',
  '@typescript-eslint/no-unused-vars': [
    'error',
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
  ],
  'no-restricted-properties': ['error', ...noOnly],
  'no-restricted-globals': [
    'error',
    { name: 'fdescribe', message: 'Focused tests hide the rest of the suite.' },
    { name: 'fit', message: 'Focused tests hide the rest of the suite.' },
  ],
};

module.exports = tseslint.config(
  {
    ignores: ['dist/**', '**/node_modules/**', '.angular/**', 'coverage/**', 'test-artifacts/**', 'console/src/app/graphql/generated.ts'],
  },
  {
    files: ['server/**/*.ts', 'bench/**/*.ts', 'drill/**/*.ts', 'e2e/**/*.ts'],
    extends: [...tseslint.configs.recommended],
    rules: sharedRules,
  },
  {
    files: ['console/src/**/*.ts'],
    extends: [...tseslint.configs.recommended, ...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      ...sharedRules,
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'cv', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'cv', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
    },
  },
  {
    files: ['console/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {},
  },
  {
    // Plain CommonJS helpers (jest global setup, scripts, this file).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
);
