/**
 * Lambda's Node.js runtimes provide an AWS SDK: v3 from nodejs18.x on, v2 up to nodejs16.x (pointed at
 * the local endpoint by sdk-v2-endpoint.mjs). CDK's NodejsFunction leaves `@aws-sdk/*` out of the bundle
 * by default, counting on it. This gives the local runtime the same, and no more: a function resolves
 * package names only from its own code directory and, for the provided SDK of its runtime, from the local
 * cloud's own installation (module-isolation.mjs). ES modules go through a resolve hook
 * (`module.register`, Node 20.6+), CommonJS through a guard on `require` (commonjs-isolation.mjs).
 */
import { realpathSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolateCommonJs } from './commonjs-isolation.mjs';
import { providedPackagesFor } from './module-isolation.mjs';
import { pointSdkV2AtLocalEndpoint } from './sdk-v2-endpoint.mjs';

const settings = {
  codeDirectory: realpathSync(process.env.LAMBDA_TASK_ROOT ?? process.cwd()),
  providedPackages: providedPackagesFor(process.env.AWS_EXECUTION_ENV?.replace(/^AWS_Lambda_/, '')),
  // Provided packages resolve as if imported from here: the local cloud's node_modules stand in for Lambda's.
  providedFromUrl: import.meta.url,
};

register('./provided-sdk-hooks.mjs', import.meta.url, { data: settings });
const providedFrom = path.dirname(fileURLToPath(import.meta.url));
isolateCommonJs({ ...settings, providedFrom });
if (settings.providedPackages.includes('aws-sdk')) pointSdkV2AtLocalEndpoint(providedFrom);
