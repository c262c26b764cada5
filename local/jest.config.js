// The local cloud's own tests, one project per layer. The repository's root jest config includes these
// projects, so the root `npm test` runs them too; `npm test` in this folder runs only them.
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const layer = (name, extra = {}) => ({
  displayName: `local-cloud-${name}`,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  setupFiles: ['<rootDir>/test/setup/quiet-output.ts'],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    layer('unit'),
    // Integration suites start DynamoDB Local (a JVM) and synthesize an app per file: generous timeouts.
    layer('integration', { setupFilesAfterEnv: ['<rootDir>/test/setup/integration-timeouts.ts'] }),
  ],
};
