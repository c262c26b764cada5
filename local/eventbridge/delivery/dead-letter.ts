import type { DeliveryOutcome } from './retry-policy';

type Failure = Extract<DeliveryOutcome, { ok: false }>;

/**
 * The message attributes EventBridge puts on a dead-lettered event
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html):
 * EXHAUSTED_RETRY_CONDITION only when a retry limit ended the delivery.
 */
export function deadLetterAttributes(
  ruleArn: string,
  targetArn: string,
  failure: Failure,
): Record<string, string> {
  return {
    RULE_ARN: ruleArn,
    TARGET_ARN: targetArn,
    ERROR_CODE: failure.code,
    ERROR_MESSAGE: failure.message,
    RETRY_ATTEMPTS: String(failure.retries),
    ...(failure.exhausted === undefined ? {} : { EXHAUSTED_RETRY_CONDITION: failure.exhausted }),
  };
}
