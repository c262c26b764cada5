/**
 * Up to nodejs16.x the runtime provided AWS SDK v2 (`aws-sdk`). SDK v2 ignores `AWS_ENDPOINT_URL`: left
 * alone, a function's calls would go to real AWS. So the provided v2 SDK is loaded here, before the
 * handler, and its global config is pointed at the local endpoint (region and credentials it reads from
 * the environment, as on Lambda). The function's own `require('aws-sdk')` resolves to this same
 * instance (module-isolation.mjs), so every client it makes inherits the endpoint. A v2 SDK bundled into
 * the function's code is its own instance and is not redirected.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export function pointSdkV2AtLocalEndpoint(providedFrom) {
  let AWS;
  try {
    AWS = createRequire(path.join(providedFrom, 'provided-sdk.mjs'))('aws-sdk');
  } catch (error) {
    // Not installed: the function's own require then fails with `Cannot find module 'aws-sdk'`.
    if (error?.code === 'MODULE_NOT_FOUND') return;
    throw error;
  }
  const endpoint = process.env.AWS_ENDPOINT_URL;
  AWS.config.update({
    region: process.env.AWS_REGION,
    // One endpoint serves every service locally; S3 there takes the bucket in the path, not the host name.
    ...(endpoint ? { endpoint, s3ForcePathStyle: true } : {}),
  });
}
