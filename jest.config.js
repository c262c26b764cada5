// One jest run, one project per test layer, so `npm test` runs them all and `--selectProjects` runs one.
// The local cloud's projects (local-cloud-unit, local-cloud-integration) come from its package's config.
const { availableParallelism } = require('node:os');
const localCloud = require('./local/jest.config.js');
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const layer = (name, extra = {}) => ({
  displayName: name,
  // Function log lines are shown for failing tests only (LOG_LEVEL=<level> shows them live).
  testEnvironment: '<rootDir>/test/helpers/quiet-logs-environment.js',
  transform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  setupFiles: ['<rootDir>/test/helpers/quiet-logs.ts'],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    layer('unit'),
    layer('infra', { setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'] }),
    // The services' events against the committed catalogue (docs/events): producers, consumers, versions.
    layer('contract'),
    // Integration suites start DynamoDB Local (a JVM) per file: generous hook and test timeouts.
    layer('integration', { setupFilesAfterEnv: ['<rootDir>/test/helpers/integration-timeouts.ts'] }),
    // State machines as synthesized, executed locally with their tasks bound to the real handlers.
    layer('workflow', { setupFilesAfterEnv: ['<rootDir>/test/helpers/integration-timeouts.ts'] }),
    // Black-box against the local cloud (started once by the global setup) or E2E_TARGET's deployment.
    layer('e2e', {
      globalSetup: '<rootDir>/test/e2e/local-cloud-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/local-cloud-teardown.ts',
      // The files share that deployment and take turns (one-file-at-a-time.ts).
      setupFilesAfterEnv: [
        '<rootDir>/test/helpers/integration-timeouts.ts',
        '<rootDir>/test/e2e/one-file-at-a-time.ts',
      ],
    }),
    // The local console in headless Chromium, on the e2e project's local cloud: the same setup module, which
    // jest runs once for both projects, so that one shop serves both (two would race for E2E_OUTPUTS_FILE).
    // It takes its turn with the e2e files: one of them running beside it (hundreds of requests) could push
    // the order it follows out of the console's bounded timeline before the page reads it.
    layer('console', {
      globalSetup: '<rootDir>/test/e2e/local-cloud-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/local-cloud-teardown.ts',
      setupFilesAfterEnv: [
        '<rootDir>/test/helpers/integration-timeouts.ts',
        '<rootDir>/test/e2e/one-file-at-a-time.ts',
      ],
    }),
    ...localCloud.projects,
  ],
  // Jest's default is one worker fewer than the cores: one worker on a 2-core laptop. Most files wait on
  // other processes (DynamoDB Local, function processes, the local cloud) most of the time, so two
  // workers finish the suite sooner even there.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // The run's shared directory (test/helpers/test-run-directory.ts), named before the workers start and
  // removed after every project's teardown.
  globalSetup: '<rootDir>/test/helpers/test-run-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/test-run-teardown.ts',
};
