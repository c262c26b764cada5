/**
 * What the local cloud knows about one resource of a deployed (here: emulated) stack after template
 * resolution: its physical id (what `Ref` returns), its attributes (what `Fn::GetAtt` returns) and its
 * properties with every intrinsic function already resolved to plain JSON.
 *
 * This is the contract between the template resolver (local/template/) and every emulator (API Gateway,
 * Lambda, DynamoDB, ...): emulators never see an intrinsic function.
 */
export interface ResolvedResource {
  readonly stackName: string;
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::Lambda::Function`. */
  readonly type: string;
  /** What `{ Ref: logicalId }` resolves to (a name for tables and functions, an id for REST APIs, ...). */
  readonly physicalId: string;
  /** What `{ Fn::GetAtt: [logicalId, name] }` resolves to, by attribute name (`Arn`, `RootResourceId`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The resource's Properties, fully resolved. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Template metadata (`aws:asset:path`, `aws:cdk:path`, ...), unresolved, as written by CDK. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** The fixed identity of the local cloud: one account, one region, as LocalStack does. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_PARTITION = 'aws';
export const LOCAL_URL_SUFFIX = 'amazonaws.com';
