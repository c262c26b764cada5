import { AwsServiceError } from '../endpoint/aws-json-service';
import type { LocalStateMachine } from './types';

/** Step Functions' naming rule for executions: 1-80 characters, no whitespace, brackets, wildcards or
 * the special characters `"#%\^|~`$&,;:/` and no control characters. */
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function hasControlCharacter(name: string): boolean {
  return [...name].some((char) => {
    const code = char.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
}

export function validateExecutionName(name: string): void {
  if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name) || hasControlCharacter(name)) {
    throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
  }
}

/**
 * `arn:aws:states:<region>:<account>:execution:<machine>:<name>` for STANDARD;
 * `...:express:<machine>:<name>:<id>` for EXPRESS, whose names are not unique.
 */
export function executionArn(machine: LocalStateMachine, name: string, uniqueId: string): string {
  const base = machine.arn.replace(/:stateMachine:[^:]+$/, '');
  if (machine.type === 'EXPRESS') return `${base}:express:${machine.name}:${name}:${uniqueId}`;
  return `${base}:execution:${machine.name}:${name}`;
}

export function parseExecutionInput(input: string): void {
  try {
    JSON.parse(input);
  } catch {
    throw new AwsServiceError(
      'InvalidExecutionInput',
      'Invalid State Machine Execution Input: not valid JSON',
    );
  }
}
