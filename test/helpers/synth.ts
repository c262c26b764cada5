import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { type StageName, stageConfig } from '../../lib/config/stage-config';
import { buildShop, type ShopStacks } from '../../lib/shop-app';

const CDK_JSON = path.join(__dirname, '..', '..', 'cdk.json');

/**
 * The context `cdk synth` gives the app: cdk.json's feature flags (which change what is synthesized, and
 * which `new App()` does not read by itself) and the metadata the CLI turns on by default.
 */
export function cliContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return {
    ...cdkJson.context,
    [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
    [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
  };
}

/**
 * Builds the app as `cdk synth -c stage=<stage>` does. Bundling is skipped unless asked for: infra tests
 * look at the templates, not at the code, and esbuild would only slow them down.
 */
export function synthShop(
  stage: StageName,
  options: { bundle?: boolean; outdir?: string } = {},
): { app: App; stacks: ShopStacks } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...cliContext(), stage, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  return { app, stacks: buildShop(app, stageConfig(stage)) };
}
