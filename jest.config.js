// Four tiers (README "Tests"): unit (*.spec.ts, no database, no network), integration
// (*.int.spec.ts, a real migrated PostgreSQL plus the provider sandboxes), drill (drill/*.drill.spec.ts:
// several processes of the built product on one PostgreSQL, with faults) and browser (e2e/*.e2e.spec.ts,
// the built product in headless Chromium).
const swc = JSON.parse(require('node:fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
const esmOnly = ['openid-client', 'oauth4webapi', 'jose', 'agenda', '@agendajs', 'oidc-provider', 'quick-lru', 'nanoid', 'eta', 'jsesc'];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
module.exports = {
  // integration and browser tests start real servers; unit tests finish far below this
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/server/src/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/server/test-support/global-setup.js',
      globalTeardown: '<rootDir>/server/test-support/global-teardown.js',
    },
    {
      // the multi-process drills (drill/README): real child processes of the built product (npm run build:server first)
      ...common,
      displayName: 'drill',
      testMatch: ['<rootDir>/drill/**/*.drill.spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.js',
      globalTeardown: '<rootDir>/e2e/support/global-teardown.js',
    },
  ],
};
