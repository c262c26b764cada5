import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chooseNode, HOST_NODE, type NodeBinary, nodePackageNames } from '../../../lambda/node-runtimes';
import { fixtureFunction, lambdaServices, payloadOf } from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

interface NodeVersion {
  readonly version: string;
  readonly executionEnv: string;
}

describe('the Node.js runtime a function declares', () => {
  it.each(['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64'])(
    'a developer on %s gets Node 24 from an optional dependency of the package',
    (platform) => {
      const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
        optionalDependencies: Record<string, string>;
      };
      const versions = nodePackageNames(platform).map((name) => manifest.optionalDependencies[name]);
      expect(versions.find((version) => version?.startsWith('24.'))).toBeDefined();
    },
  );

  it('nodejs24.x runs on Node 24, whatever Node runs the service', async () => {
    const lambda = service({}, fixtureFunction('node-version.handler', { runtime: 'nodejs24.x' }));

    const answer = payloadOf<NodeVersion>(await lambda.invoke('node-version-handler', {}));

    expect(answer.version).toMatch(/^v24\./);
    expect(answer.executionEnv).toBe('AWS_Lambda_nodejs24.x');
    expect(lambda.runtimeWarnings()).toEqual([]);
  });

  it("a runtime of this process's major runs on this process's Node", async () => {
    const runtime = `nodejs${HOST_NODE.major}.x`;
    const lambda = service({}, fixtureFunction('node-version.handler', { runtime }));

    const answer = payloadOf<NodeVersion>(await lambda.invoke('node-version-handler', {}));

    expect(answer.version).toBe(`v${HOST_NODE.version}`);
  });

  it('a runtime with no Node of its major installed runs on this Node, with one warning line for all its functions', async () => {
    const lambda = service(
      {},
      fixtureFunction('node-version.handler', { name: 'first', runtime: 'nodejs22.x' }),
      fixtureFunction('node-version.handler', { name: 'second', runtime: 'nodejs22.x' }),
    );

    const answer = payloadOf<NodeVersion>(await lambda.invoke('first', {}));

    expect(answer.version).toBe(`v${HOST_NODE.version}`);
    expect(lambda.runtimeWarnings()).toEqual([
      expect.stringMatching(
        /^nodejs22\.x: Node 22 not emulated, none installed \(installed: .*\); runs on Node .* \[2 functions\]$/,
      ),
    ]);
  });
});

describe('choosing a Node binary', () => {
  const node24: NodeBinary = { execPath: '/opt/node24/bin/node', version: '24.1.0', major: 24 };
  const december2026 = new Date('2026-12-04T00:00:00Z');

  it('takes the binary of the declared major', () => {
    expect(chooseNode('nodejs24.x', [HOST_NODE, node24], december2026)).toEqual({
      runtime: 'nodejs24.x',
      node: node24,
      warnings: [],
    });
  });

  it('says when AWS has deprecated the runtime, and since when', () => {
    expect(chooseNode('nodejs16.x', [HOST_NODE], december2026).warnings).toEqual([
      expect.stringMatching(/^deprecated by AWS since 2024-06-12/),
      expect.stringMatching(/^Node 16 not emulated/),
    ]);
    expect(chooseNode('nodejs10.x', [HOST_NODE], december2026).warnings[0]).toMatch(/^deprecated by AWS/);
    expect(chooseNode('nodejs24.x', [node24], december2026).warnings).toEqual([]);
    expect(chooseNode('nodejs24.x', [node24], new Date('2028-05-01T00:00:00Z')).warnings).toEqual([
      expect.stringMatching(/^deprecated by AWS since 2028-04-30/),
    ]);
  });

  it('runs a runtime that is not Node.js on this Node, and says so', () => {
    const choice = chooseNode('python3.13', [HOST_NODE, node24], december2026);

    expect(choice.node).toBe(HOST_NODE);
    expect(choice.warnings).toEqual([expect.stringMatching(/^not a Node\.js runtime: not emulated/)]);
  });
});
