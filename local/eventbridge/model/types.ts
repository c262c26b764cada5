import type { CompiledPattern } from '../pattern';

/** The event buses, rules and archives of the local cloud, built once from the resolved template. */
export interface EventBridgeModel {
  /** By name; always holds `default`. */
  readonly buses: ReadonlyMap<string, EventBusModel>;
  readonly rules: readonly RuleModel[];
  readonly archives: readonly ArchiveModel[];
  /** Everything the template asks for that the local cloud does not honour, one line each. */
  readonly warnings: readonly string[];
}

export interface EventBusModel {
  readonly name: string;
  readonly arn: string;
}

export type RuleState = 'ENABLED' | 'DISABLED';

export interface RuleModel {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  readonly state: RuleState;
  readonly description?: string;
  /** The pattern as JSON text, the way ListRules and DescribeRule return it. */
  readonly eventPatternText?: string;
  /** Undefined when the rule has no pattern or its pattern is invalid (then it never matches). */
  readonly pattern?: CompiledPattern;
  readonly scheduleExpression?: string;
  readonly roleArn?: string;
  readonly targets: readonly TargetModel[];
}

export interface InputTransformerModel {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

export interface RetryPolicyModel {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export interface TargetModel {
  readonly id: string;
  readonly arn: string;
  readonly roleArn?: string;
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformerModel;
  readonly retryPolicy: RetryPolicyModel;
  /** Whether RetryPolicy was written in the template (ListTargetsByRule only returns what was set). */
  readonly retryPolicyDeclared: boolean;
  readonly deadLetterArn?: string;
  readonly messageGroupId?: string;
}

export interface ArchiveModel {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  /** Undefined: every event of the bus is archived. */
  readonly pattern?: CompiledPattern;
  readonly retentionDays?: number;
}

/** EventBridge's defaults for a target without a RetryPolicy: 185 retries over at most 24 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicyModel = {
  maximumRetryAttempts: 185,
  maximumEventAgeInSeconds: 86_400,
};
