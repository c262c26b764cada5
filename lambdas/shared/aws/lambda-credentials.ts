import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` inside Lambda bundles (an esbuild alias set by
 * ServiceFunction). Lambda hands every invocation its role's credentials in the environment, so the
 * default chain's SSO, INI, process, web-identity and STS providers can never run there; dropping them
 * takes a third off the bundle and about 15 ms off each cold start. Code run outside Lambda (tests,
 * scripts) is not bundled and keeps the full chain.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
