import { targetKindOf } from '../delivery/target-kind';
import { parseJsonPath } from '../input/json-path';
import { isRecord, type JsonRecord, numberOf, recordOf, stringOf } from './properties';
import { DEFAULT_RETRY_POLICY, type InputTransformerModel, type TargetModel } from './types';

/** Target properties the local cloud honours; any other one is reported. */
const SUPPORTED_KEYS = new Set([
  'Id',
  'Arn',
  'RoleArn',
  'Input',
  'InputPath',
  'InputTransformer',
  'RetryPolicy',
  'DeadLetterConfig',
  'SqsParameters',
]);

/** Reads a rule's `Targets`; a target that cannot be delivered to is left out with a warning. */
export function readTargets(
  ruleName: string,
  value: unknown,
  warn: (message: string) => void,
): TargetModel[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn(`rule ${ruleName}: Targets is not a list; the rule has no targets`);
    return [];
  }
  const targets: TargetModel[] = [];
  for (const raw of value) {
    const target = isRecord(raw) ? readTarget(ruleName, raw, warn) : undefined;
    if (target) targets.push(target);
    else if (!isRecord(raw)) warn(`rule ${ruleName}: a target is not an object; ignored`);
  }
  return targets;
}

function readTarget(
  ruleName: string,
  raw: JsonRecord,
  warn: (message: string) => void,
): TargetModel | undefined {
  const id = stringOf(raw.Id) ?? '?';
  const arn = stringOf(raw.Arn);
  const where = `rule ${ruleName} target ${id}`;
  if (arn === undefined) {
    warn(`${where}: no Arn; ignored`);
    return undefined;
  }
  if (targetKindOf(arn) === undefined) {
    warn(
      `${where}: ${arn} is not a Lambda function, SQS queue, SNS topic, state machine or event bus; not emulated`,
    );
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!SUPPORTED_KEYS.has(key)) warn(`${where}: ${key} is not emulated`);
  }
  const inputKinds = ['Input', 'InputPath', 'InputTransformer'].filter((key) => raw[key] !== undefined);
  if (inputKinds.length > 1) {
    // AWS rejects the target; here the first one in this order is used, so that the rule still runs.
    warn(`${where}: ${inputKinds.join(', ')} are mutually exclusive in AWS; using ${inputKinds[0]}`);
  }
  if (targetKindOf(arn) === 'event-bus' && inputKinds.length > 0) {
    warn(`${where}: ${inputKinds[0]} is ignored: an event bus target receives the event itself`);
  }
  for (const path of jsonPathsOf(raw)) {
    if (parseJsonPath(path) === undefined)
      warn(`${where}: JSON path ${path} is not supported; it finds nothing`);
  }
  const retry = recordOf(raw.RetryPolicy);
  const sqsParameters = recordOf(raw.SqsParameters);
  return {
    id,
    arn,
    roleArn: stringOf(raw.RoleArn),
    input: inputKinds[0] === 'Input' ? inputText(raw.Input) : undefined,
    inputPath: inputKinds[0] === 'InputPath' ? stringOf(raw.InputPath) : undefined,
    inputTransformer:
      inputKinds[0] === 'InputTransformer' ? readTransformer(where, raw.InputTransformer, warn) : undefined,
    retryPolicy: {
      maximumRetryAttempts:
        numberOf(retry?.MaximumRetryAttempts) ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
      maximumEventAgeInSeconds:
        numberOf(retry?.MaximumEventAgeInSeconds) ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds,
    },
    retryPolicyDeclared: retry !== undefined,
    deadLetterArn: stringOf(recordOf(raw.DeadLetterConfig)?.Arn),
    messageGroupId: stringOf(sqsParameters?.MessageGroupId),
  };
}

function jsonPathsOf(raw: JsonRecord): string[] {
  const paths = Object.values(recordOf(recordOf(raw.InputTransformer)?.InputPathsMap) ?? {});
  return [raw.InputPath, ...paths].filter((path): path is string => typeof path === 'string');
}

/** `Input` is JSON text in the template; a resolved object (rare, hand-written templates) is serialized. */
function inputText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function readTransformer(
  where: string,
  value: unknown,
  warn: (message: string) => void,
): InputTransformerModel | undefined {
  const raw = recordOf(value);
  const template = stringOf(raw?.InputTemplate);
  if (template === undefined) {
    warn(`${where}: InputTransformer without an InputTemplate; the whole event is sent`);
    return undefined;
  }
  const paths: Record<string, string> = {};
  for (const [name, path] of Object.entries(recordOf(raw?.InputPathsMap) ?? {})) {
    if (typeof path === 'string') paths[name] = path;
    else warn(`${where}: InputPathsMap.${name} is not a string; ignored`);
  }
  return { inputPathsMap: paths, inputTemplate: template };
}
