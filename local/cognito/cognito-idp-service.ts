import { type AwsJsonService, AwsServiceError } from '../endpoint/aws-json-service';
import type { LocalUserPools } from './local-user-pools';
import type { PoolUser } from './user-directory';
import type { AppClientModel, PasswordPolicy, UserPoolModel } from './user-pool-model';

/** App client settings that CloudFormation and the API name alike: `DescribeUserPoolClient` echoes them. */
const CLIENT_SETTINGS = [
  'AccessTokenValidity',
  'IdTokenValidity',
  'RefreshTokenValidity',
  'TokenValidityUnits',
  'AuthSessionValidity',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'ReadAttributes',
  'WriteAttributes',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
];

/** The operations this API answers that AWS answers unsigned (its user-facing, public ones). */
const PUBLIC_OPERATIONS = new Set(['InitiateAuth', 'RespondToAuthChallenge']);

/**
 * The part of the `cognito-idp` API (AWS JSON 1.1, `X-Amz-Target: AWSCognitoIdentityProviderService.*`)
 * that a deployed app, its tests and a user need: reading the pools of the assembly (so `aws cognito-idp
 * describe-user-pool-client` or the SDK fetches a client's secret locally as it would in AWS), the admin
 * calls that manage users, and signing in (`InitiateAuth`, `RespondToAuthChallenge`). Pools and clients
 * are what the templates say; users are created by admin calls (no sign-up).
 */
export class CognitoIdentityProviderService implements AwsJsonService {
  readonly targetPrefix = 'AWSCognitoIdentityProviderService';
  readonly jsonVersion = '1.1';

  /** Every pool and client was "created" when the local cloud started. */
  private readonly created: number;

  constructor(
    private readonly userPools: LocalUserPools,
    now: () => number = Date.now,
  ) {
    this.created = Math.floor(now() / 1000);
  }

  /** The operations answered here, by name: each turns a request's input into its output. */
  private readonly operations: Readonly<Record<string, (input: Record<string, unknown>) => unknown>> = {
    DescribeUserPool: (input) => ({ UserPool: this.describePool(this.pool(input)) }),
    DescribeUserPoolClient: (input) => ({
      UserPoolClient: this.describeClient(this.client(this.pool(input), input)),
    }),
    ListUserPools: (input) => {
      const page = paginate(this.userPools.pools, input, true);
      return {
        UserPools: page.items.map((pool) => ({
          Id: pool.id,
          Name: pool.name,
          LambdaConfig: {},
          CreationDate: this.created,
          LastModifiedDate: this.created,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    ListUserPoolClients: (input) => {
      const pool = this.pool(input);
      const page = paginate([...pool.clients.values()], input, false);
      return {
        UserPoolClients: page.items.map((client) => ({
          ClientId: client.clientId,
          UserPoolId: pool.id,
          ClientName: client.clientName,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    AdminCreateUser: (input) => this.adminCreateUser(input),
    AdminSetUserPassword: (input) => {
      const pool = this.pool(input);
      const user = this.user(pool, input);
      this.userPools.users.setPassword(
        pool,
        user,
        requiredString(input, 'Password'),
        input.Permanent === true,
      );
      return {};
    },
    AdminGetUser: (input) => {
      const user = this.user(this.pool(input), input);
      return { Username: user.username, UserAttributes: attributeList(user), ...userDates(user) };
    },
    AdminDeleteUser: (input) => {
      const pool = this.pool(input);
      this.userPools.users.delete(pool, this.user(pool, input));
      return {};
    },
    InitiateAuth: (input) => this.userPools.signIn.initiateAuth(input),
    RespondToAuthChallenge: (input) => this.userPools.signIn.respondToAuthChallenge(input),
  };

  /**
   * A user signs in without AWS credentials; every other operation here is an administrator's, signed.
   * One not answered here is unsigned as well: its answer is that it is unknown.
   */
  requiresSignature(operation: string): boolean {
    return Object.hasOwn(this.operations, operation) && !PUBLIC_OPERATIONS.has(operation);
  }

  async handle(operation: string, input: Record<string, unknown>): Promise<unknown> {
    const answer = Object.hasOwn(this.operations, operation) ? this.operations[operation] : undefined;
    if (!answer) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `Operation ${operation} is not supported locally`,
      );
    }
    return answer(input);
  }

  /**
   * A user with the attributes given (standard ones, and custom ones the pool's schema declares) and a
   * temporary password; `MessageAction: SUPPRESS` or not, nothing is sent (no email locally). `RESEND`
   * gives an existing user who has not chosen a password yet a new temporary one instead.
   */
  private adminCreateUser(input: Record<string, unknown>) {
    const pool = this.pool(input);
    const username = requiredString(input, 'Username');
    const attributes: Record<string, string> = {};
    for (const attribute of Array.isArray(input.UserAttributes) ? input.UserAttributes : []) {
      const { Name, Value } = (attribute ?? {}) as { Name?: unknown; Value?: unknown };
      if (typeof Name !== 'string' || typeof Value !== 'string') {
        throw new AwsServiceError(
          'InvalidParameterException',
          'Each user attribute needs a Name and a Value.',
        );
      }
      attributes[Name] = Value;
    }
    const temporary = typeof input.TemporaryPassword === 'string' ? input.TemporaryPassword : undefined;
    const user =
      input.MessageAction === 'RESEND'
        ? this.userPools.users.renewTemporaryPassword(pool, this.user(pool, input), temporary)
        : this.userPools.users.create(pool, username, attributes, temporary);
    return { User: { Username: user.username, Attributes: attributeList(user), ...userDates(user) } };
  }

  private user(pool: UserPoolModel, input: Record<string, unknown>): PoolUser {
    const user = this.userPools.users.find(pool, requiredString(input, 'Username'));
    if (!user) throw new AwsServiceError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private pool(input: Record<string, unknown>): UserPoolModel {
    const poolId = requiredString(input, 'UserPoolId');
    const pool = this.userPools.pool(poolId);
    if (!pool) throw new AwsServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
    return pool;
  }

  private client(pool: UserPoolModel, input: Record<string, unknown>): AppClientModel {
    const clientId = requiredString(input, 'ClientId');
    const client = pool.clients.get(clientId);
    if (!client)
      throw new AwsServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return client;
  }

  private describePool(pool: UserPoolModel) {
    return {
      Id: pool.id,
      Name: pool.name,
      Arn: pool.arn,
      ...(pool.domains[0] ? { Domain: pool.domains[0] } : {}),
      LambdaConfig: {},
      Policies: { PasswordPolicy: passwordPolicyShape(pool.passwordPolicy) },
      ...(pool.usernameAttributes.length > 0 ? { UsernameAttributes: pool.usernameAttributes } : {}),
      ...(pool.aliasAttributes.length > 0 ? { AliasAttributes: pool.aliasAttributes } : {}),
      EstimatedNumberOfUsers: this.userPools.users.count(pool),
      CreationDate: this.created,
      LastModifiedDate: this.created,
    };
  }

  private describeClient(client: AppClientModel) {
    const settings = Object.fromEntries(
      CLIENT_SETTINGS.filter((key) => client.properties[key] !== undefined).map((key) => [
        key,
        client.properties[key],
      ]),
    );
    return {
      UserPoolId: client.userPoolId,
      ClientName: client.clientName,
      ClientId: client.clientId,
      ...(client.secret ? { ClientSecret: client.secret } : {}),
      CreationDate: this.created,
      LastModifiedDate: this.created,
      ...settings,
      AllowedOAuthFlows: client.allowedOAuthFlows,
      AllowedOAuthScopes: client.allowedOAuthScopes,
      AllowedOAuthFlowsUserPoolClient: client.oauthEnabled,
    };
  }
}

/** The pool's password policy in the API's shape, Cognito's defaults filled in. */
function passwordPolicyShape(policy: PasswordPolicy) {
  return {
    MinimumLength: policy.minimumLength,
    RequireUppercase: policy.requireUppercase,
    RequireLowercase: policy.requireLowercase,
    RequireNumbers: policy.requireNumbers,
    RequireSymbols: policy.requireSymbols,
    TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
  };
}

/** A user's attributes as the API lists them: `sub` first, then what they were given. */
function attributeList(user: PoolUser): { Name: string; Value: string }[] {
  return [
    { Name: 'sub', Value: user.sub },
    ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
  ];
}

function userDates(user: PoolUser) {
  return {
    UserCreateDate: user.created / 1000,
    UserLastModifiedDate: user.modified / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError(
      'InvalidParameterException',
      `1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** `MaxResults` (1 to 60; required for ListUserPools) and an opaque `NextToken` (here: the offset). */
function paginate<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  maxResultsRequired: boolean,
): { items: T[]; nextToken?: string } {
  const max = input.MaxResults;
  if (max === undefined && maxResultsRequired) requiredString(input, 'MaxResults');
  const size = typeof max === 'number' ? max : 60;
  if (!Number.isInteger(size) || size < 1 || size > 60) {
    throw new AwsServiceError(
      'InvalidParameterException',
      `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60`,
    );
  }
  const token = input.NextToken;
  const start = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw new AwsServiceError('InvalidParameterException', 'Invalid pagination token.');
  }
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
}
