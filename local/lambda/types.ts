import type { TracingMode } from './invocation-trace';

/**
 * The local Lambda service as the other emulators see it (API Gateway, EventBridge targets, event source
 * mappings, Step Functions tasks all invoke through this).
 */
export interface LocalFunctionDefinition {
  /** The function name (what `Ref` of the AWS::Lambda::Function resolves to). */
  readonly name: string;
  readonly arn: string;
  /** The template's `Description`, if any (how people recognise a function by what it does). */
  readonly description?: string;
  /** Absolute path of the unpacked code directory (the asset directory in cdk.out). */
  readonly codeDirectory: string;
  /** `Handler` from the template, e.g. `index.handler`. */
  readonly handler: string;
  /** The function's own environment variables, resolved to local values. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /** Reserved concurrency from the template; undefined = unreserved. */
  readonly reservedConcurrency?: number;
  /** On-success destination ARN for asynchronous invocations (EventInvokeConfig), if any. */
  readonly onSuccessDestinationArn?: string;
  /** On-failure destination ARN for asynchronous invocations (EventInvokeConfig), if any. */
  readonly onFailureDestinationArn?: string;
  /** Maximum retries of an asynchronous invocation (EventInvokeConfig; Lambda's default is 2). */
  readonly maximumRetryAttempts?: number;
  /** `TracingConfig.Mode` from the template (Lambda's default: PassThrough); see invocation-trace.ts. */
  readonly tracingMode?: TracingMode;
  /** `Runtime` from the template, e.g. `nodejs24.x` (the default): sets `AWS_EXECUTION_ENV`. */
  readonly runtime?: string;
  /** The log group (`LoggingConfig.LogGroup`), if not Lambda's default `/aws/lambda/<name>`. */
  readonly logGroupName?: string;
  /** Credentials of its own (standing for its role), instead of the service's shared ones. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** The outcome of one invocation, shaped like Lambda's Invoke API answer. */
export type InvokeResult =
  | { readonly ok: true; readonly payload: unknown; readonly durationMs: number }
  | {
      readonly ok: false;
      /**
       * As Lambda's `X-Amz-Function-Error`: `Unhandled` for every failure of the function itself, told
       * apart by `payload.errorType`: the error's name when the handler or its module init throws,
       * `Runtime.ImportModuleError` / `Runtime.HandlerNotFound` / `Runtime.UserCodeSyntaxError` when the
       * handler cannot be loaded, `Sandbox.Timedout` past the timeout, `Runtime.ExitError` when the process
       * exits mid-invocation.
       *
       * `Throttled` when the function is at its concurrency limit. Lambda's Invoke does not run the function
       * then and fails with `TooManyRequestsException` (HTTP 429); here that is this value with
       * `payload.errorType` `TooManyRequestsException`, so callers map it as they map that exception.
       */
      readonly functionError: string;
      /** Lambda's error payload: `{ errorType, errorMessage, trace }`. */
      readonly payload: {
        readonly errorType: string;
        readonly errorMessage: string;
        readonly trace?: readonly string[];
      };
      readonly durationMs: number;
    };

/**
 * What Lambda sends to a destination once an asynchronous invocation is done with: after a successful
 * attempt to the on-success destination, when it failed for good to the on-failure destination
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export interface AsyncInvocationRecord {
  readonly version: '1.0';
  /** ISO-8601 time of the outcome. */
  readonly timestamp: string;
  readonly requestContext: {
    /** The same request id for every attempt of one event. */
    readonly requestId: string;
    /** The qualified ARN, e.g. `arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST`. */
    readonly functionArn: string;
    /**
     * `Success`; or, for a failure, `RetriesExhausted`, or `EventAgeExceeded` when the event could never
     * run (reserved concurrency 0).
     */
    readonly condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';
    readonly approximateInvokeCount: number;
  };
  /** The event. */
  readonly requestPayload: unknown;
  /** Absent when the function never ran. */
  readonly responseContext?: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** Only on failure. */
    readonly functionError?: string;
  };
  /** What the function returned, or the last attempt's error payload. */
  readonly responsePayload?: unknown;
}

/** What a caller passes along with the event. */
export interface InvokeOptions {
  /**
   * The caller's X-Ray trace header (`X-Amzn-Trace-Id`: API Gateway's, or an SDK call's from inside a
   * traced function): the invocation continues that trace (see invocation-trace.ts).
   */
  readonly traceHeader?: string;
}

/** What invokes functions: the local runner, or a test's own in-process handlers. */
export interface LambdaService {
  /** Synchronous (RequestResponse) invocation by name or ARN. */
  invoke(functionNameOrArn: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult>;
  /** Asynchronous (Event) invocation: queued, retried, its record sent to the function's destination. */
  invokeAsync(functionNameOrArn: string, event: unknown, options?: InvokeOptions): Promise<void>;
}
