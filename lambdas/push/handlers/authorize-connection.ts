import { readConfig } from '../../shared/config';
import { cognitoIdTokenVerifier } from '../adapters/cognito-id-token-verifier';
import { PUSH_ENV } from '../contract';
import { authorizeConnectionHandler } from './authorize-connection-handler';

// Composition root: the pool and its apps' clients from the environment, once per cold start.
const config = readConfig([PUSH_ENV.userPoolId, PUSH_ENV.userPoolClientIds]);

export const handler = authorizeConnectionHandler(
  cognitoIdTokenVerifier({
    userPoolId: config[PUSH_ENV.userPoolId],
    clientIds: config[PUSH_ENV.userPoolClientIds].split(','),
    // Where the SDKs find cognito-idp when pointed elsewhere than AWS (a local cloud), so does the JWKS.
    endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? process.env.AWS_ENDPOINT_URL,
  }),
);
