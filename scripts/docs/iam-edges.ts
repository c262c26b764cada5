import { definitionOf, putEventsSources } from './asl-definition';
import { type Json, referencesIn, renderWithPlaceholders } from './cfn-intrinsics';
import { type GraphNode, nodeId } from './graph-nodes';
import type { StackTemplate } from './stack-exports';
import { type GraphContext, type GraphEdge, nodesReferenced, type Relation } from './template-graph';

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: Json;
  readonly Condition?: Record<string, Record<string, Json>>;
}

const DYNAMODB_READS = ['BatchGetItem', 'GetItem', 'Query', 'Scan', 'ConditionCheckItem', 'PartiQLSelect'];
const DYNAMODB_WRITES = [
  'BatchWriteItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'PartiQLInsert',
  'PartiQLUpdate',
  'PartiQLDelete',
];

/** What an action lets its holder do to a resource of this kind, as an arrow; undefined: not drawn. */
export function relationOf(action: string, target: GraphNode['kind']): Relation | undefined {
  const [service, name = ''] = action.split(':');
  const matches = (names: readonly string[]) => name === '*' || names.includes(name);
  if (service === 'dynamodb' && target === 'table') {
    if (matches(DYNAMODB_WRITES)) return 'writes';
    if (matches(DYNAMODB_READS)) return 'reads';
    return undefined; // streams and descriptions: the event source mapping draws the stream
  }
  if (service === 'sqs' && target === 'queue' && matches(['SendMessage'])) return 'sends';
  if (service === 'events' && target === 'bus' && matches(['PutEvents'])) return 'publishes';
  if (service === 'lambda' && target === 'function' && matches(['InvokeFunction'])) return 'invokes';
  if (
    service === 'states' &&
    target === 'stateMachine' &&
    matches(['StartExecution', 'StartSyncExecution'])
  ) {
    return 'starts';
  }
  // Invoke: a route of another API; ManageConnections: posting to a WebSocket API's connections.
  if (service === 'execute-api' && target === 'api' && matches(['Invoke', 'ManageConnections']))
    return 'calls';
  return undefined;
}

/**
 * IAM grants as arrows from the function or state machine holding the role: which tables it reads and
 * writes, which queues it sends to, which buses it publishes on (and as which source), which functions it
 * invokes, which state machines it starts, which routes of another service's API it may call.
 */
export function iamEdges(stack: StackTemplate, context: GraphContext): GraphEdge[] {
  const owners = roleOwners(stack, context);
  const edges: GraphEdge[] = [];
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    const documents = policyDocuments(resource);
    // A role's inline policies belong to whoever assumes it; a policy's, to whoever assumes its roles.
    const roles =
      resource.Type === 'AWS::IAM::Role'
        ? [logicalId]
        : referencesIn(resource.Properties?.Roles).flatMap((role) =>
            role.kind === 'local' ? [role.logicalId] : [],
          );
    for (const holder of roles.flatMap((role) => owners.get(role) ?? [])) {
      for (const statement of documents.flatMap((document) => document.Statement ?? [])) {
        edges.push(...statementEdges(holder, statement, stack.stackName, context));
      }
    }
  }
  return edges;
}

function statementEdges(
  holder: GraphNode,
  statement: Statement,
  stackName: string,
  context: GraphContext,
): GraphEdge[] {
  if (statement.Effect !== 'Allow') return [];
  const actions = [statement.Action ?? []].flat();
  const resources = [statement.Resource ?? []].flat();
  const edges: GraphEdge[] = [];
  for (const resource of resources) {
    for (const target of nodesReferenced(resource, stackName, context)) {
      for (const action of actions) {
        const relation = relationOf(action, target.kind);
        if (relation === undefined || target.id === holder.id) continue;
        const labels = labelsOf(relation, statement, resource);
        // A state machine's PutEvents grant names no source; its definition's putEvents tasks do.
        if (relation === 'publishes' && labels.length === 0 && holder.kind === 'stateMachine') {
          labels.push(...putEventsSources(definitionOf(holder.resource.Properties ?? {})));
        }
        edges.push({ from: holder.id, to: target.id, relation, labels });
      }
    }
  }
  return edges;
}

/** A publication's source (from the grant's `events:source` condition); a call's method and path. */
function labelsOf(relation: Relation, statement: Statement, resource: Json): string[] {
  if (relation === 'publishes') {
    const source = statement.Condition?.StringEquals?.['events:source'];
    return source === undefined ? [] : [source].flat().map(String);
  }
  if (relation === 'calls') {
    // arn:...:execute-api:region:account:${api}/<stage>/<METHOD>/<path>
    const match = /\}\/[^/]+\/([A-Z*]+)(\/.*)?$/.exec(renderWithPlaceholders(resource));
    return match ? [`${match[1]} ${match[2] ?? '/'}`] : [];
  }
  return [];
}

/** Each role of the stack, by logical id, to the functions and state machines that assume it. */
function roleOwners(stack: StackTemplate, context: GraphContext): Map<string, GraphNode[]> {
  const owners = new Map<string, GraphNode[]>();
  for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
    const role = resource.Properties?.Role ?? resource.Properties?.RoleArn;
    const node = context.nodes.get(nodeId(stack.stackName, logicalId));
    if (!node || role === undefined) continue;
    for (const reference of referencesIn(role)) {
      if (reference.kind === 'local')
        owners.set(reference.logicalId, [...(owners.get(reference.logicalId) ?? []), node]);
    }
  }
  return owners;
}

/** The policy documents of an `AWS::IAM::Policy`, or a role's inline policies. */
function policyDocuments(resource: {
  Type: string;
  Properties?: Record<string, Json>;
}): Array<{ Statement?: Statement[] }> {
  if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
    return [resource.Properties?.PolicyDocument as { Statement?: Statement[] }].filter(Boolean);
  }
  if (resource.Type === 'AWS::IAM::Role') {
    return (
      (resource.Properties?.Policies as Array<{ PolicyDocument: { Statement?: Statement[] } }>) ?? []
    ).map((policy) => policy.PolicyDocument);
  }
  return [];
}
