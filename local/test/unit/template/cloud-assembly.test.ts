import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assetPathOf, stackAssetPath } from '../../../assembly/asset-paths';
import { readCloudAssembly } from '../../../assembly/cloud-assembly';

const HASH = 'a'.repeat(64);
let root: string;

const write = (file: string, content: unknown) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), JSON.stringify(content));
};

const stackArtifact = (
  templateFile: string,
  dependencies: string[],
  extra: Record<string, unknown> = {},
) => ({
  type: 'aws:cloudformation:stack',
  environment: 'aws://unknown-account/eu-west-1',
  properties: { templateFile, ...extra },
  dependencies,
});

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'assembly-'));
  // Declared in the wrong order on purpose: Api depends on Data (manifest) and Reader imports from Api.
  write('manifest.json', {
    version: '55.0.0',
    artifacts: {
      Reader: stackArtifact('Reader.template.json', []),
      'Api.assets': { type: 'cdk:asset-manifest', properties: { file: 'Api.assets.json' } },
      Api: stackArtifact('Api.template.json', ['Data', 'Api.assets'], { stackName: 'Shop-Api' }),
      Data: stackArtifact('Data.template.json', []),
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
      Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } },
    },
  });
  write('Data.template.json', { Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } });
  write('Api.template.json', {
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Bucket: 'bucket', S3Key: `${HASH}.zip` } },
        Metadata: { 'aws:asset:path': `asset.${HASH}` },
      },
    },
    Outputs: { FnName: { Value: { Ref: 'Fn' }, Export: { Name: 'Api:FnName' } } },
  });
  write('Reader.template.json', {
    Resources: { Probe: { Type: 'Test::Probe', Properties: { V: { 'Fn::ImportValue': 'Api:FnName' } } } },
  });
  write('Api.assets.json', {
    version: '55.0.0',
    files: {
      [HASH]: {
        source: { path: `asset.${HASH}`, packaging: 'zip' },
        destinations: { d: { bucketName: 'bucket', objectKey: `${HASH}.zip` } },
      },
    },
  });
  write('assembly-Stage/manifest.json', {
    version: '55.0.0',
    artifacts: { StageStack: stackArtifact('StageStack.template.json', []) },
  });
  write('assembly-Stage/StageStack.template.json', {
    Resources: { Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.nested' } } },
  });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readCloudAssembly', () => {
  it('reads every stack, nested assemblies included, each after the stacks it depends on', () => {
    const assembly = readCloudAssembly(path.relative(process.cwd(), root));
    expect(assembly.directory).toBe(root);
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual([
      'Data',
      'Shop-Api',
      'Reader',
      'StageStack',
    ]);
    const api = assembly.stacks[1];
    expect(api).toMatchObject({
      artifactId: 'Api',
      templateFile: path.join(root, 'Api.template.json'),
      assemblyDirectory: root,
      environment: { account: undefined, region: 'eu-west-1' },
      dependencies: ['Data'],
    });
    expect(api?.template.Outputs?.FnName?.Export).toEqual({ Name: 'Api:FnName' });
  });

  it('maps a function to its asset directory by metadata or by the S3Key of its Code', () => {
    const assembly = readCloudAssembly(root);
    const api = assembly.stacks.find((stack) => stack.stackName === 'Shop-Api');
    if (!api) throw new Error('no Api stack');
    const expected = path.join(root, `asset.${HASH}`);
    expect(stackAssetPath(api, { metadata: { 'aws:asset:path': `asset.${HASH}` } })).toBe(expected);
    expect(stackAssetPath(api, { properties: { Code: { S3Bucket: 'b', S3Key: `${HASH}.zip` } } })).toBe(
      expected,
    );
    expect(stackAssetPath(api, { properties: { Code: { ZipFile: 'exports.handler = 1' } } })).toBeUndefined();
    expect(
      assetPathOf(assembly, { stackName: 'StageStack', metadata: { 'aws:asset:path': 'asset.nested' } }),
    ).toBe(path.join(root, 'assembly-Stage', 'asset.nested'));
    expect(api.fileAssets.get(HASH)).toEqual({
      hash: HASH,
      path: expected,
      packaging: 'zip',
      objectKeys: [`${HASH}.zip`],
    });
  });

  it('says clearly when a directory is not a cloud assembly', () => {
    expect(() => readCloudAssembly(path.join(root, 'missing'))).toThrow(
      `${path.join(root, 'missing')} is not a cloud assembly: no such directory (run \`cdk synth\` first)`,
    );
    mkdirSync(path.join(root, 'empty'));
    expect(() => readCloudAssembly(path.join(root, 'empty'))).toThrow(
      `${path.join(root, 'empty')} is not a cloud assembly: it has no manifest.json (run \`cdk synth\` first)`,
    );
    write('other/manifest.json', { name: 'a package?' });
    expect(() => readCloudAssembly(path.join(root, 'other'))).toThrow('is not a cloud assembly manifest');
  });

  it('names the template file when a template is broken', () => {
    write('Data.template.json', { Resources: { Table: { Properties: {} } } });
    expect(() => readCloudAssembly(root)).toThrow(
      `${path.join(root, 'Data.template.json')}: resource Table has no Type`,
    );
  });
});
