import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CUSTOMER_ID_CLAIM } from '../../lambdas/bff/contract';

export interface AppUserCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * A user of the shop's apps linked to `customerId`, as the shop's back office makes one: created by an
 * admin call (no message sent) with a permanent password, ready to sign in.
 */
export async function createAppUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  customerId: string,
): Promise<AppUserCredentials> {
  const username = `user-${randomUUID()}@example.com`;
  const password = `Pw-${randomUUID()}`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      UserAttributes: [
        { Name: 'email', Value: username },
        { Name: CUSTOMER_ID_CLAIM, Value: customerId },
      ],
      MessageAction: 'SUPPRESS',
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  return { username, password };
}

/** The user's ID token from an app's client (USER_PASSWORD_AUTH), as the app would sign them in. */
export async function appIdToken(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  user: AppUserCredentials,
): Promise<string> {
  const signedIn = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
    }),
  );
  const token = signedIn.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`${user.username} got no ID token: ${JSON.stringify(signedIn)}`);
  return token;
}
