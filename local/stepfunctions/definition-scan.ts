import { StateMachine, type StateMachineDefinition } from './interpreter';
import { classifyResource } from './task-resources';
import type { AslObject, DefinitionFinding } from './types';
import { allStates, isObject } from './walk-states';

const STATE_TYPES = new Set(['Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice', 'Succeed', 'Fail']);
/** Fields that only exist with JSONata or variables: the interpreter would ignore them and run wrongly. */
const JSONATA_OR_VARIABLE_FIELDS = ['Assign', 'Arguments', 'Output'] as const;
/** Map fields of Distributed Map only. */
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
] as const;

/**
 * Everything in a definition the interpreter cannot run as AWS would. Done before anything runs so that
 * a definition is reported at start, never silently mis-run: aws-local-stepfunctions' own validator
 * accepts `QueryLanguage: JSONata` and `Assign`, and the interpreter would then simply ignore them.
 */
export function scanDefinition(
  definition: AslObject,
  integrations: ReadonlySet<string>,
): DefinitionFinding[] {
  const findings: DefinitionFinding[] = [];
  const unsupported = (message: string, state?: string) =>
    findings.push({ level: 'unsupported', message, ...(state === undefined ? {} : { state }) });
  const notEmulated = (message: string, state?: string) =>
    findings.push({ level: 'not-emulated', message, ...(state === undefined ? {} : { state }) });

  if (definition.QueryLanguage === 'JSONata') unsupported('QueryLanguage JSONata is not supported');
  for (const [name, state] of allStates(definition)) {
    if (typeof state.Type !== 'string' || !STATE_TYPES.has(state.Type)) {
      unsupported(`unknown state type ${String(state.Type)}`, name);
    }
    if (state.QueryLanguage === 'JSONata') unsupported('QueryLanguage JSONata is not supported', name);
    for (const field of JSONATA_OR_VARIABLE_FIELDS) {
      if (field in state) unsupported(`${field} (JSONata / variables) is not supported`, name);
    }
    if (state.Type === 'Task') {
      const resource = classifyResource(state.Resource, integrations);
      if (resource.kind === 'unsupported') unsupported(resource.reason, name);
      if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) {
        notEmulated('HeartbeatSeconds is accepted but not enforced', name);
      }
      if ('Credentials' in state) notEmulated('Credentials (cross-account role) is ignored', name);
    }
    if (state.Type === 'Map') {
      for (const field of DISTRIBUTED_MAP_FIELDS) {
        if (field in state) unsupported(`${field} (Distributed Map) is not supported`, name);
      }
      const processor = state.ItemProcessor;
      if (isObject(processor) && isObject(processor.ProcessorConfig)) {
        if (processor.ProcessorConfig.Mode === 'DISTRIBUTED')
          unsupported('Distributed Map is not supported', name);
      }
    }
  }
  return findings;
}

/**
 * The interpreter's own ASL validation (JSONPaths, ARNs, reachability) as a message, undefined when valid.
 * Not part of the start-up scan: the validator compiles its JSON schema on every call (0.3-0.7 s here),
 * so it runs once per machine, at its first execution. It works on a copy because it writes
 * `QueryLanguage` into every state it checks.
 */
export function validationError(definition: AslObject): string | undefined {
  try {
    new StateMachine(structuredClone(definition) as unknown as StateMachineDefinition);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
  }
}
