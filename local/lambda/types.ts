/**
 * The local Lambda service as the other emulators see it (API Gateway, EventBridge targets, event source
 * mappings, Step Functions tasks all invoke through this).
 */
export interface LocalFunctionDefinition {
  /** The function name (what `Ref` of the AWS::Lambda::Function resolves to). */
  readonly name: string;
  readonly arn: string;
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
  /** On-failure destination ARN for asynchronous invocations (EventInvokeConfig), if any. */
  readonly onFailureDestinationArn?: string;
  /** Maximum retries of an asynchronous invocation (EventInvokeConfig; Lambda's default is 2). */
  readonly maximumRetryAttempts?: number;
}

/** The outcome of one invocation, shaped like Lambda's Invoke API answer. */
export type InvokeResult =
  | { readonly ok: true; readonly payload: unknown; readonly durationMs: number }
  | {
      readonly ok: false;
      /** `Unhandled` for an error thrown by the function, `TimedOut`, `Throttled`, `RuntimeExited`, ... */
      readonly functionError: string;
      /** Lambda's error payload: `{ errorType, errorMessage, trace }`. */
      readonly payload: { readonly errorType: string; readonly errorMessage: string; readonly trace?: readonly string[] };
      readonly durationMs: number;
    };

export interface LambdaService {
  /** Synchronous (RequestResponse) invocation by name or ARN. */
  invoke(functionNameOrArn: string, event: unknown): Promise<InvokeResult>;
  /** Asynchronous (Event) invocation: queued, retried, failures sent to the on-failure destination. */
  invokeAsync(functionNameOrArn: string, event: unknown): Promise<void>;
}
