/**
 * Lambda's Node.js runtimes ship the AWS SDK v3, and CDK's NodejsFunction leaves `@aws-sdk/*` out of the
 * bundle by default, counting on it. This gives the local runtime the same: when a function's own
 * `@aws-sdk/...` import finds nothing next to its code, it is resolved from the local cloud's own
 * installation instead. Only `@aws-sdk/` falls back; any other missing package still fails as in Lambda.
 * ES modules do not read NODE_PATH, hence a resolve hook (`module.register`, Node 20.6+); CommonJS
 * `require` gets NODE_PATH from the parent.
 */
import { register } from 'node:module';

register('./provided-sdk-hooks.mjs', import.meta.url, { data: { fallbackParent: import.meta.url } });
