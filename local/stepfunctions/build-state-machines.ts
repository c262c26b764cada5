import type { ResolvedResource } from '../model/resolved-resource';
import { scanDefinition } from './definition-scan';
import type { AslObject, DefinitionFinding, LocalStateMachine } from './types';
import { isObject } from './walk-states';

export const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';

/**
 * The state machines of resolved resources. The definition comes from `DefinitionString` (already
 * resolved, still a JSON string) or `Definition` (an object), with `DefinitionSubstitutions` applied as
 * CloudFormation applies them (textually, `${key}`). Anything the local cloud cannot run faithfully is a
 * finding on the machine; see definition-scan.ts.
 */
export function buildStateMachines(
  resources: readonly ResolvedResource[],
  integrationKeys: ReadonlySet<string>,
  creationDate = new Date(),
): LocalStateMachine[] {
  return resources
    .filter((resource) => resource.type === STATE_MACHINE_TYPE)
    .map((resource) => buildStateMachine(resource, integrationKeys, creationDate));
}

function buildStateMachine(
  resource: ResolvedResource,
  integrationKeys: ReadonlySet<string>,
  creationDate: Date,
) {
  const props = resource.properties;
  const name = resource.attributes.Name ?? stringProp(props.StateMachineName) ?? resource.logicalId;
  const findings: DefinitionFinding[] = [];
  const { definition, problem } = readDefinition(props);
  if (problem) findings.push({ level: 'unsupported', message: problem });
  else findings.push(...scanDefinition(definition, integrationKeys));
  if (props.LoggingConfiguration !== undefined) {
    findings.push({
      level: 'not-emulated',
      message: 'LoggingConfiguration is accepted; no logs are delivered',
    });
  }
  if (isObject(props.TracingConfiguration) && props.TracingConfiguration.Enabled === true) {
    findings.push({
      level: 'not-emulated',
      message:
        "TracingConfiguration (X-Ray): no trace is recorded; its Lambda tasks continue the execution's trace (_X_AMZN_TRACE_ID)",
    });
  }
  const type = props.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const machine: LocalStateMachine = {
    name,
    arn: resource.attributes.Arn ?? resource.physicalId,
    type,
    definition,
    definitionString: JSON.stringify(definition),
    roleArn: stringProp(props.RoleArn) ?? '',
    creationDate,
    findings,
    ...(props.LoggingConfiguration === undefined ? {} : { loggingConfiguration: props.LoggingConfiguration }),
    ...(props.TracingConfiguration === undefined ? {} : { tracingConfiguration: props.TracingConfiguration }),
  };
  return machine;
}

function readDefinition(props: Readonly<Record<string, unknown>>): {
  definition: AslObject;
  problem?: string;
} {
  const substitutions = isObject(props.DefinitionSubstitutions) ? props.DefinitionSubstitutions : {};
  let text: string;
  if (typeof props.DefinitionString === 'string') text = props.DefinitionString;
  else if (isObject(props.Definition)) text = JSON.stringify(props.Definition);
  else if (props.DefinitionS3Location !== undefined) {
    return { definition: {}, problem: 'DefinitionS3Location is not supported (the definition is in S3)' };
  } else return { definition: {}, problem: 'no DefinitionString or Definition' };
  for (const [key, value] of Object.entries(substitutions))
    text = text.split(`\${${key}}`).join(String(value));
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) return { definition: parsed };
    return { definition: {}, problem: 'the definition is not a JSON object' };
  } catch (error) {
    return { definition: {}, problem: `the definition is not valid JSON: ${(error as Error).message}` };
  }
}

function stringProp(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One line per finding, for the local cloud's start-up report. */
export function describeFindings(machine: LocalStateMachine): string[] {
  return machine.findings.map(
    (finding) =>
      `Step Functions: state machine ${machine.name}${finding.state ? ` state ${finding.state}` : ''}: ` +
      `${finding.message}${finding.level === 'unsupported' ? ' (executions are refused)' : ''}`,
  );
}
