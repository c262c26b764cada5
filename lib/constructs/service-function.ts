import * as path from 'node:path';
import { type CfnResource, Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CORS_ALLOWED_ORIGINS_ENV, encodeAllowedOrigins } from '../../lambdas/shared/http/cors';
import type { StageConfig } from '../config/stage-config';

const LAMBDAS_ROOT = path.join(__dirname, '..', '..', 'lambdas');
/** The resource metadata key under which each function's template names its handler's source file. */
export const ENTRY_METADATA_KEY = 'shop:entry';
/** Lambda's credentials are always in the environment: see the module for why the chain is replaced. */
const LAMBDA_CREDENTIALS = path.join(LAMBDAS_ROOT, 'shared', 'aws', 'lambda-credentials.ts');

export interface ServiceFunctionProps {
  readonly config: StageConfig;
  /** The service folder under `lambdas/`, also the Powertools service name. */
  readonly service: string;
  /**
   * The handler file under `lambdas/<service>/handlers/`, without `.ts`; or `{ shared }`, a file under
   * `lambdas/shared/` that several services run as their own (the outbox relay).
   */
  readonly handler: string | { readonly shared: string };
  readonly environment?: Readonly<Record<string, string>>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly description: string;
  /**
   * A fixed name, for a function others refer to by name rather than by a cross-stack reference (the
   * saga's steps: their ARNs are then known without an export, and so are the grants on them).
   */
  readonly functionName?: string;
  /**
   * How the function is invoked, which decides where its failures go:
   * - `sync`: only by a caller that waits (API Gateway, a Step Functions task), so the caller sees every
   *   failure;
   * - `stream`: only by an event source mapping, whose on-failure destination takes what fails;
   * - `queue`: only by an SQS event source mapping: what fails goes back to the queue, then to its DLQ;
   * - `{ async: queue }`: asynchronously (EventBridge, Event invokes): two retries, then the event goes
   *   to `queue` (Lambda's on-failure destination, which carries the error, unlike a function DLQ).
   */
  readonly invocation: 'sync' | 'stream' | 'queue' | { readonly async: sqs.IQueue };
}

const UNUSED_DLQ_REASON: Record<'sync' | 'stream' | 'queue' | 'async', string> = {
  async:
    'Invoked asynchronously with an on-failure destination (an SQS queue), which records the error as well as the event; a function DLQ would duplicate it.',
  sync: 'Invoked synchronously only (API Gateway proxy or a Step Functions task): failures go back to the caller, a DLQ would stay empty.',
  stream:
    'Invoked only by a stream event source mapping: failed batches go to the mapping on-failure destination (an SQS DLQ), a function DLQ would stay empty.',
  queue:
    'Invoked only by an SQS event source mapping: a failed message returns to its queue, whose redrive policy dead-letters it; a function DLQ would stay empty.',
};

/**
 * A Lambda function with our defaults, so no service repeats them: Node.js 24 on arm64, explicit memory and
 * timeout, X-Ray active, its own log group with the stage's retention, a role that may write only to that
 * log group, an errors alarm, and a bundle built locally by esbuild (never Docker): minified ESM with the
 * AWS SDK bundled and tree-shaken (credentials from the environment only), and source maps enabled at
 * run time.
 */
export class ServiceFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { config } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: config.logs.retention,
      removalPolicy: config.logs.removalPolicy,
    });

    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: logs to this group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.service}/${handlerName(props)}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const entry =
      typeof props.handler === 'string'
        ? path.join(LAMBDAS_ROOT, props.service, 'handlers', `${props.handler}.ts`)
        : path.join(LAMBDAS_ROOT, 'shared', `${props.handler.shared}.ts`);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: props.description,
      ...(props.functionName ? { functionName: props.functionName } : {}),
      ...(typeof props.invocation === 'object'
        ? {
            onFailure: new SqsDestination(props.invocation.async),
            retryAttempts: 2,
            maxEventAge: Duration.hours(6),
          }
        : {}),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? config.api.functionTimeout,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_LOG_LEVEL: config.logs.level,
        STAGE: config.stage,
        ...browserOrigins(props),
        ...props.environment,
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        // Node 20 syntax, so the same bundle also runs in the local cloud on a Node 20 laptop.
        target: 'node20',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require() for Node built-ins; ESM has no require of its own.
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        forceDockerBundling: false,
        // esbuild's per-bundle "Done in N ms" is chatter in `npm start`, `npm test` and `cdk synth`.
        logLevel: nodejs.LogLevel.WARNING,
        esbuildArgs: { '--alias:@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS },
      },
    });

    // The handler's source file, relative to lambdas/, in the template: tools (the bench) read it there
    // rather than guessing it from construct ids.
    (this.function.node.defaultChild as CfnResource).addMetadata(
      ENTRY_METADATA_KEY,
      path.relative(LAMBDAS_ROOT, entry).split(path.sep).join('/'),
    );

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${props.service}/${handlerName(props)} reports errors`,
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: config.alarms.functionErrorsPerPeriod,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: UNUSED_DLQ_REASON[typeof props.invocation === 'string' ? props.invocation : 'async'],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.',
    });
  }
}

function handlerName({ handler }: ServiceFunctionProps): string {
  return typeof handler === 'string' ? handler : path.basename(handler.shared);
}

/**
 * The stage's CORS origins for functions that answer HTTP (invoked synchronously): a Lambda proxy
 * integration sets a response's CORS headers itself (`httpHandler`). Not set when the stage has none.
 */
function browserOrigins(props: ServiceFunctionProps): Record<string, string> {
  const origins = props.config.api.corsOrigins;
  return props.invocation === 'sync' && origins.length > 0
    ? { [CORS_ALLOWED_ORIGINS_ENV]: encodeAllowedOrigins(origins) }
    : {};
}
