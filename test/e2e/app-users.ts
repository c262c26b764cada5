import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { App } from '../../lambdas/bff/contract';
import { appIdToken, createAppUser } from '../helpers/app-users';
import { type ApiResponse, newCustomerId } from './public-api';
import { output } from './target';

/**
 * The shop's apps as their users see them: a user the shop creates for a customer (admin calls, as the
 * shop's back office would), signed in with the app's own client (USER_PASSWORD_AUTH), and requests to
 * the app's API with the user's ID token and the app's key, from the outputs file. The `local` stage
 * writes the keys; against another target, set WEB_BFF_API_KEY and MOBILE_BFF_API_KEY.
 */
const endpoint = process.env.E2E_AWS_ENDPOINT;
const cognito = new CognitoIdentityProviderClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } } : {}),
});
export const userPoolId = () => output('UserPoolId');

const APP_OUTPUTS: Readonly<Record<App, { url: string; key: string; client: string; env: string }>> = {
  web: { url: 'WebBffUrl', key: 'WebBffApiKey', client: 'UserPoolClientId', env: 'WEB_BFF_API_KEY' },
  mobile: {
    url: 'MobileBffUrl',
    key: 'MobileBffApiKey',
    client: 'MobileUserPoolClientId',
    env: 'MOBILE_BFF_API_KEY',
  },
};

export const appKey = (app: App) => process.env[APP_OUTPUTS[app].env] ?? output(APP_OUTPUTS[app].key);

export interface AppUser {
  readonly username: string;
  readonly customerId: string;
  /** A fresh ID token from the app's client. */
  idToken(app: App): Promise<string>;
}

/** A new customer, and a user of the apps linked to it, with a permanent password. */
export async function newAppUser(): Promise<AppUser> {
  const customerId = await newCustomerId('App User');
  const user = await createAppUser(cognito, userPoolId(), customerId);
  return {
    username: user.username,
    customerId,
    idToken: (app) => appIdToken(cognito, output(APP_OUTPUTS[app].client), user),
  };
}

/**
 * One request to an app's API. `token`: the ID token (or `null` for none); `key`: the API key (the app's
 * own by default, `null` for none).
 */
export async function appCall(
  app: App,
  method: string,
  route: string,
  init: { token: string | null; key?: string | null; body?: unknown; headers?: Record<string, string> },
): Promise<ApiResponse> {
  const key = init.key === undefined ? appKey(app) : init.key;
  const headers: Record<string, string> = {
    ...(init.token === null ? {} : { Authorization: init.token }),
    ...(key === null ? {} : { 'x-api-key': key }),
    ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...init.headers,
  };
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const response = await fetch(new URL(route, output(APP_OUTPUTS[app].url)), { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}
