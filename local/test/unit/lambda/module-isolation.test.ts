import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES, failureOf, fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

/**
 * A cdk.out inside a project, as on a developer's machine: project/node_modules holds a package that the
 * bundle in project/cdk.out/asset.isolation lacks, and the bundle ships one package of its own.
 */
let project: string;
let codeDirectory: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'local-lambda-isolation-'));
  codeDirectory = path.join(project, 'cdk.out', 'asset.isolation');
  cpSync(path.join(FIXTURES, 'isolation'), codeDirectory, { recursive: true });
  writePackage(path.join(project, 'node_modules', 'only-above'), { from: 'above' });
  writePackage(path.join(codeDirectory, 'node_modules', 'own-package'), { from: 'own bundle' });
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function writePackage(directory: string, exported: unknown): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    path.join(directory, 'package.json'),
    JSON.stringify({ name: path.basename(directory), main: 'index.js' }),
  );
  writeFileSync(path.join(directory, 'index.js'), `module.exports = ${JSON.stringify(exported)};\n`);
}

function isolated(handler: string, runtime: string) {
  return fixtureFunction(handler, { codeDirectory, runtime });
}

// On Node 20 a CommonJS `require` and an ES `import` resolve through different machinery than on Node 24.
describe.each(['nodejs20.x', 'nodejs24.x'])(
  'on %s a function resolves packages only from its own bundle and the runtime',
  (runtime) => {
    it.each(['imports-above.handler', 'requires-above.handler'])(
      '%s: a package in a node_modules above the code directory is not found',
      async (handler) => {
        const definition = isolated(handler, runtime);
        const lambda = service({}, definition);

        const failure = failureOf(await lambda.invoke(definition.name, {}));

        expect(failure.payload.errorType).toBe('Runtime.ImportModuleError');
        expect(failure.payload.errorMessage).toMatch(/Cannot find (module|package) 'only-above'/);
      },
    );

    it.each(['imports-own.handler', 'requires-own.handler'])(
      '%s: a package inside the bundle is found',
      async (handler) => {
        const definition = isolated(handler, runtime);
        const lambda = service({}, definition);

        expect(payloadOf(await lambda.invoke(definition.name, {}))).toEqual({ from: 'own bundle' });
      },
    );

    it.each(['imports-provided-sdk.handler', 'requires-provided-sdk.handler'])(
      '%s: the AWS SDK v3 comes from the runtime on nodejs18.x and later',
      async (handler) => {
        const definition = isolated(handler, runtime);
        const lambda = service({}, definition);

        expect(payloadOf(await lambda.invoke(definition.name, {}))).toEqual({ client: 'function' });
      },
    );
  },
);
