import type { GraphNode } from './graph-nodes';
import type { AppGraph, GraphEdge } from './template-graph';

/** One rule's route for the events it matches: the rule, its targets, and what consumes each target. */
export interface EventRoute {
  readonly bus: GraphNode;
  readonly rule: GraphNode;
  readonly sources: readonly string[];
  /** Empty: every detail-type of its sources. */
  readonly detailTypes: readonly string[];
  readonly targets: ReadonlyArray<{ readonly target: GraphNode; readonly consumers: readonly GraphNode[] }>;
}

/** Who publishes with a source: the functions and state machines granted PutEvents on that condition. */
export interface Publisher {
  readonly node: GraphNode;
  readonly bus: GraphNode;
  /** What feeds it, when it relays a table's stream (an outbox, an event store), and who writes that table. */
  readonly relayOf?: { readonly table: GraphNode; readonly writers: readonly GraphNode[] };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Every rule on a bus of the graph, with its targets and their consumers, from the graph alone. */
export function eventRoutes(graph: AppGraph): EventRoute[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const from = (id: string, relation: GraphEdge['relation']) =>
    graph.edges
      .filter((edge) => edge.from === id && edge.relation === relation)
      .flatMap((edge) => nodes.get(edge.to) ?? []);
  return graph.edges
    .filter((edge) => edge.relation === 'matches')
    .flatMap((edge) => {
      const bus = nodes.get(edge.from);
      const rule = nodes.get(edge.to);
      if (!bus || !rule) return [];
      const pattern = (rule.resource.Properties?.EventPattern ?? {}) as Record<string, unknown>;
      const targets = from(rule.id, 'targets').map((target) => ({
        target,
        consumers: target.kind === 'queue' ? from(target.id, 'consumes') : [],
      }));
      return [
        {
          bus,
          rule,
          sources: strings(pattern.source),
          detailTypes: strings(pattern['detail-type']),
          targets,
        },
      ];
    });
}

/** The publishers of one source, each with the stream it relays (if any) and the table's writers. */
export function publishersOf(graph: AppGraph, source: string): Publisher[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.edges
    .filter((edge) => edge.relation === 'publishes' && edge.labels.includes(source))
    .flatMap((edge) => {
      const node = nodes.get(edge.from);
      const bus = nodes.get(edge.to);
      if (!node || !bus) return [];
      const stream = graph.edges.find(
        (e) => e.to === node.id && e.relation === 'consumes' && nodes.get(e.from)?.kind === 'table',
      );
      const table = stream && nodes.get(stream.from);
      if (!table) return [{ node, bus }];
      const writers = graph.edges
        .filter((e) => e.to === table.id && e.relation === 'writes')
        .flatMap((e) => nodes.get(e.from) ?? []);
      return [{ node, bus, relayOf: { table, writers } }];
    });
}

/** Whether a route receives an event of this source and detail-type. */
export const routeMatches = (route: EventRoute, source: string, detailType: string): boolean =>
  (route.sources.length === 0 || route.sources.includes(source)) &&
  (route.detailTypes.length === 0 || route.detailTypes.includes(detailType));
