import { type Json, referencesIn, renderWithPlaceholders } from './cfn-intrinsics';
import { type GraphNode, graphNodes, nodeId } from './graph-nodes';
import { iamEdges } from './iam-edges';
import { exportsOf, type ResourceAddress, resolveReference, type StackTemplate } from './stack-exports';

/** Who does what to whom: each arrow the pictures draw, with what crosses it. */
export type Relation =
  | 'routes'
  | 'consumes'
  | 'matches'
  | 'targets'
  | 'reads'
  | 'writes'
  | 'sends'
  | 'publishes'
  | 'invokes'
  | 'starts'
  | 'calls'
  | 'deadLetters';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly relation: Relation;
  /** What crosses: routes, detail-types, an event source, ...; sorted, no repeats. */
  readonly labels: readonly string[];
}

export interface AppGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** What edge extraction needs to turn a value of one stack's template into the nodes it points at. */
export interface GraphContext {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly exports: ReadonlyMap<string, ResourceAddress>;
  /** Functions by their physical `FunctionName` (the saga calls its steps by name). */
  readonly functionsByName: ReadonlyMap<string, GraphNode>;
}

/** The nodes a value of `stackName`'s template refers to, through Ref, GetAtt, imports and function ARNs. */
export function nodesReferenced(value: Json, stackName: string, context: GraphContext): GraphNode[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((one) => {
    const byName = /:function:([^:/$]+)/.exec(renderWithPlaceholders(one));
    const named = byName?.[1] ? context.functionsByName.get(byName[1]) : undefined;
    if (named) return [named];
    return referencesIn(one).flatMap((reference) => {
      const address = resolveReference(reference, stackName, context.exports);
      const node = address && context.nodes.get(nodeId(address.stackName, address.logicalId));
      return node ? [node] : [];
    });
  });
}

/**
 * The app's graph from its templates alone: API integrations, event source mappings, rules and their
 * targets, IAM grants, dead-letter settings. Nothing is listed by hand, so a new stack or a new grant
 * appears in the pictures by itself.
 */
export function appGraph(stacks: readonly StackTemplate[]): AppGraph {
  const nodes = graphNodes(stacks);
  const context: GraphContext = {
    nodes: new Map(nodes.map((node) => [node.id, node])),
    exports: exportsOf(stacks),
    functionsByName: new Map(
      nodes.flatMap((node) => {
        const name = node.kind === 'function' ? node.resource.Properties?.FunctionName : undefined;
        return typeof name === 'string' ? [[name, node] as const] : [];
      }),
    ),
  };
  const edges = new EdgeSet();
  for (const stack of stacks) {
    for (const edge of [
      ...apiEdges(stack, context),
      ...eventSourceEdges(stack, context),
      ...ruleEdges(stack, context),
      ...deadLetterEdges(stack, context),
      ...iamEdges(stack, context),
    ]) {
      edges.add(edge);
    }
  }
  return { nodes, edges: edges.list() };
}

/** Edges merged by (from, to, relation), labels united; a send to a dead-letter queue is a dead-letter. */
class EdgeSet {
  private readonly byKey = new Map<string, { edge: GraphEdge; labels: Set<string> }>();

  add(edge: GraphEdge): void {
    const key = `${edge.from}|${edge.to}|${edge.relation}`;
    const known = this.byKey.get(key) ?? { edge, labels: new Set<string>() };
    for (const label of edge.labels) known.labels.add(label);
    this.byKey.set(key, known);
  }

  list(): GraphEdge[] {
    const deadLetterQueues = new Set(
      [...this.byKey.values()]
        .filter(({ edge }) => edge.relation === 'deadLetters')
        .map(({ edge }) => edge.to),
    );
    const merged = new EdgeSet();
    for (const { edge, labels } of this.byKey.values()) {
      const relation =
        edge.relation === 'sends' && deadLetterQueues.has(edge.to) ? 'deadLetters' : edge.relation;
      merged.byKey.set(`${edge.from}|${edge.to}|${relation}`, {
        edge: { ...edge, relation },
        labels: new Set([
          ...(merged.byKey.get(`${edge.from}|${edge.to}|${relation}`)?.labels ?? []),
          ...labels,
        ]),
      });
    }
    return [...merged.byKey.values()]
      .map(({ edge, labels }) => ({ ...edge, labels: [...labels].sort() }))
      .sort((a, b) => `${a.from}|${a.to}|${a.relation}`.localeCompare(`${b.from}|${b.to}|${b.relation}`));
  }
}

type Resources = ReadonlyArray<[string, { Type: string; Properties?: Record<string, Json> }]>;
const resourcesOf = (stack: StackTemplate, type: string): Resources =>
  Object.entries(stack.template.Resources ?? {}).filter(([, resource]) => resource.Type === type);

/** API Gateway: each method (REST) or route (HTTP, WebSocket) to the function that answers it. */
function apiEdges(stack: StackTemplate, context: GraphContext): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const [, method] of resourcesOf(stack, 'AWS::ApiGateway::Method')) {
    const props = method.Properties ?? {};
    const integration = props.Integration as { Uri?: Json } | undefined;
    const [api] = nodesReferenced(props.RestApiId, stack.stackName, context);
    if (!api || integration?.Uri === undefined) continue;
    const route = `${String(props.HttpMethod)} ${restResourcePath(stack, props.ResourceId)}`;
    for (const fn of nodesReferenced(integration.Uri, stack.stackName, context)) {
      edges.push({ from: api.id, to: fn.id, relation: 'routes', labels: [route] });
    }
  }
  // Lambda authorizers (REST and WebSocket/HTTP alike) run before any route.
  for (const type of ['AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer']) {
    for (const [, authorizer] of resourcesOf(stack, type)) {
      const props = authorizer.Properties ?? {};
      const [api] = nodesReferenced(props.RestApiId ?? props.ApiId, stack.stackName, context);
      if (!api || props.AuthorizerUri === undefined) continue;
      for (const fn of nodesReferenced(props.AuthorizerUri, stack.stackName, context)) {
        edges.push({ from: api.id, to: fn.id, relation: 'routes', labels: ['authorizer'] });
      }
    }
  }
  const integrations = new Map(resourcesOf(stack, 'AWS::ApiGatewayV2::Integration'));
  for (const [, route] of resourcesOf(stack, 'AWS::ApiGatewayV2::Route')) {
    const props = route.Properties ?? {};
    const [api] = nodesReferenced(props.ApiId, stack.stackName, context);
    const target = referencesIn(props.Target)[0];
    const integration = target?.kind === 'local' ? integrations.get(target.logicalId) : undefined;
    if (!api || !integration) continue;
    for (const fn of nodesReferenced(integration.Properties?.IntegrationUri, stack.stackName, context)) {
      edges.push({ from: api.id, to: fn.id, relation: 'routes', labels: [String(props.RouteKey)] });
    }
  }
  return edges;
}

/** `/orders/{orderId}/cancel`, walked up an API's resources to its root. */
export function restResourcePath(stack: StackTemplate, resourceId: Json): string {
  const [reference] = referencesIn(resourceId);
  if (reference?.kind !== 'local' || reference.attribute) return '';
  const resource = stack.template.Resources?.[reference.logicalId];
  if (resource?.Type !== 'AWS::ApiGateway::Resource') return '';
  const props = resource.Properties ?? {};
  return `${restResourcePath(stack, props.ParentId)}/${String(props.PathPart)}` || '/';
}

/** Lambda event source mappings: a queue's messages or a table's stream, in batches, to a function. */
function eventSourceEdges(stack: StackTemplate, context: GraphContext): GraphEdge[] {
  return resourcesOf(stack, 'AWS::Lambda::EventSourceMapping').flatMap(([, mapping]) => {
    const props = mapping.Properties ?? {};
    const [source] = nodesReferenced(props.EventSourceArn, stack.stackName, context);
    const [fn] = nodesReferenced(props.FunctionName, stack.stackName, context);
    if (!source || !fn) return [];
    const label = source.kind === 'table' ? 'stream' : 'messages';
    return [{ from: source.id, to: fn.id, relation: 'consumes' as const, labels: [label] }];
  });
}

/** EventBridge: the bus to each rule (labelled with what it matches), each rule to its targets. */
function ruleEdges(stack: StackTemplate, context: GraphContext): GraphEdge[] {
  return resourcesOf(stack, 'AWS::Events::Rule').flatMap(([logicalId, rule]) => {
    const props = rule.Properties ?? {};
    const ruleNode = context.nodes.get(nodeId(stack.stackName, logicalId));
    if (!ruleNode) return [];
    const edges: GraphEdge[] = [];
    for (const bus of nodesReferenced(props.EventBusName, stack.stackName, context)) {
      edges.push({
        from: bus.id,
        to: ruleNode.id,
        relation: 'matches',
        labels: [patternSummary(props.EventPattern)],
      });
    }
    for (const target of (props.Targets as Array<{ Arn: Json }> | undefined) ?? []) {
      for (const node of nodesReferenced(target.Arn, stack.stackName, context)) {
        edges.push({ from: ruleNode.id, to: node.id, relation: 'targets', labels: [] });
      }
    }
    return edges;
  });
}

/** What a rule matches, short: its detail-types (or sources) and any filter on the detail. */
export function patternSummary(pattern: Json): string {
  if (typeof pattern !== 'object' || pattern === null) return '';
  const { source, 'detail-type': detailType, detail } = pattern as Record<string, Json>;
  const names = (Array.isArray(detailType) ? detailType : Array.isArray(source) ? source : []).map(String);
  const filters = detailFilters(detail, '');
  return [names.join(', '), ...filters].filter(Boolean).join(' ');
}

function detailFilters(value: Json, prefix: string): string[] {
  if (Array.isArray(value)) return [`[${prefix}=${value.map((v) => JSON.stringify(v)).join('|')}]`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    detailFilters(inner, prefix ? `${prefix}.${key}` : key),
  );
}

/** Dead letters: queues' redrive, rule targets', event source mappings' and async invocations' on-failure. */
function deadLetterEdges(stack: StackTemplate, context: GraphContext): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const add = (from: GraphNode | undefined, to: Json) => {
    if (!from) return;
    for (const queue of nodesReferenced(to, stack.stackName, context)) {
      edges.push({ from: from.id, to: queue.id, relation: 'deadLetters', labels: [] });
    }
  };
  const self = (logicalId: string) => context.nodes.get(nodeId(stack.stackName, logicalId));
  for (const [logicalId, queue] of resourcesOf(stack, 'AWS::SQS::Queue')) {
    const redrive = queue.Properties?.RedrivePolicy as { deadLetterTargetArn?: Json } | undefined;
    if (redrive?.deadLetterTargetArn) add(self(logicalId), redrive.deadLetterTargetArn);
  }
  for (const [logicalId, rule] of resourcesOf(stack, 'AWS::Events::Rule')) {
    for (const target of (rule.Properties?.Targets as Array<{ DeadLetterConfig?: { Arn: Json } }>) ?? []) {
      if (target.DeadLetterConfig) add(self(logicalId), target.DeadLetterConfig.Arn);
    }
  }
  for (const type of ['AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig']) {
    for (const [, config] of resourcesOf(stack, type)) {
      const props = config.Properties ?? {};
      const onFailure = (props.DestinationConfig as { OnFailure?: { Destination: Json } } | undefined)
        ?.OnFailure;
      const [fn] = nodesReferenced(props.FunctionName, stack.stackName, context);
      if (onFailure) add(fn, onFailure.Destination);
    }
  }
  return edges;
}
