import type { GraphNode, NodeKind } from './graph-nodes';
import { mermaidBlock, mermaidId, mermaidLines, mermaidText } from './mermaid';
import type { AppGraph, GraphEdge, Relation } from './template-graph';

/** Each kind's shape, so that a reader tells a queue from a table at a glance. */
const SHAPES: Readonly<Record<NodeKind, [string, string]>> = {
  api: ['[/', '\\]'],
  function: ['(', ')'],
  table: ['[(', ')]'],
  queue: ['[[', ']]'],
  bus: ['{{', '}}'],
  rule: ['>', ']'],
  stateMachine: ['[/', '/]'],
};

const KIND_NAMES: Readonly<Record<NodeKind, string>> = {
  api: 'API',
  function: 'λ',
  table: 'table',
  queue: 'queue',
  bus: 'bus',
  rule: 'rule',
  stateMachine: 'state machine',
};

/** Dead letters and routing plumbing are dotted; what carries the business is solid. */
const DOTTED: ReadonlySet<Relation> = new Set(['deadLetters']);

/** A stack's name without the stage prefix every stack shares (`Shop-Local-Orders` -> `Orders`). */
export function serviceName(stackName: string, allStacks: readonly string[]): string {
  const prefix = commonPrefix(allStacks.length > 1 ? allStacks : []);
  return stackName.slice(prefix.length) || stackName;
}

function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0] ?? '';
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Cut at a separator, so that `Shop-Local-P` of Payments and Push never eats part of a name.
  return prefix.slice(0, prefix.lastIndexOf('-') + 1);
}

/** A node in its kind's shape: its label, then its kind (or a rule's schedule); `service` names its owner. */
export function nodeLine(node: GraphNode, service?: string): string {
  const [open, close] = SHAPES[node.kind];
  const schedule = node.resource.Properties?.ScheduleExpression;
  const kind = typeof schedule === 'string' ? schedule : KIND_NAMES[node.kind];
  const lines = [node.label, service ? `${service} ${kind}` : kind];
  return `${mermaidId(node.id)}${open}"${mermaidLines(lines)}"${close}`;
}

/** The words on an arrow: what it does and what crosses it, reads and writes of one pair as one arrow. */
function edgeText(relations: readonly GraphEdge[]): string {
  const words = relations.map((edge) => {
    const what = edge.labels.length > 0 ? `: ${edge.labels.join(', ')}` : '';
    if (edge.relation === 'matches') return edge.labels.join(', ');
    if (edge.relation === 'routes') return edge.labels.join('\n');
    if (edge.relation === 'calls') return `calls ${edge.labels.join(', ')}`;
    return `${RELATION_WORDS[edge.relation]}${what}`;
  });
  return words.filter(Boolean).join('\n');
}

const RELATION_WORDS: Readonly<Record<Relation, string>> = {
  routes: 'routes',
  consumes: 'delivers',
  matches: 'matches',
  targets: 'targets',
  reads: 'reads',
  writes: 'writes',
  sends: 'sends',
  publishes: 'PutEvents',
  invokes: 'invokes',
  starts: 'starts',
  calls: 'calls',
  deadLetters: 'on failure',
};

function arrows(edges: readonly GraphEdge[], idOf: (nodeId: string) => string): string[] {
  const byPair = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    const key = `${edge.from}|${edge.to}`;
    byPair.set(key, [...(byPair.get(key) ?? []), edge]);
  }
  return [...byPair.values()].map((pair) => {
    const first = pair[0] as GraphEdge;
    const text = edgeText(pair);
    const arrow = pair.every((edge) => DOTTED.has(edge.relation)) ? '-.->' : '-->';
    const label = text ? `|"${mermaidLines(text.split('\n'))}"|` : '';
    return `  ${idOf(first.from)} ${arrow}${label} ${idOf(first.to)}`;
  });
}

/**
 * One box per service and one arrow per pair of services that talk, labelled with what crosses: routes
 * of an API, events a rule matches, calls to an internal API, functions invoked, sources published.
 */
export function overviewDiagram(graph: AppGraph, stacks: readonly string[]): string {
  const stackOf = new Map(graph.nodes.map((node) => [node.id, node.stackName]));
  const crossing = graph.edges.filter(
    (edge) => stackOf.get(edge.from) !== stackOf.get(edge.to) && edge.relation !== 'deadLetters',
  );
  const labelOf = new Map(graph.nodes.map((node) => [node.id, node.label]));
  const pairs = new Map<string, Set<string>>();
  for (const edge of crossing) {
    const key = `${stackOf.get(edge.from)}|${stackOf.get(edge.to)}`;
    const words = pairs.get(key) ?? new Set<string>();
    for (const word of crossingWords(edge, labelOf)) words.add(word);
    pairs.set(key, words);
  }
  const lines = ['flowchart LR'];
  for (const stack of stacks)
    lines.push(`  ${mermaidId(stack)}["${mermaidText(serviceName(stack, stacks))}"]`);
  for (const [key, words] of [...pairs].sort(([a], [b]) => a.localeCompare(b))) {
    const [from = '', to = ''] = key.split('|');
    lines.push(`  ${mermaidId(from)} -->|"${mermaidLines([...words].sort())}"| ${mermaidId(to)}`);
  }
  return mermaidBlock(lines);
}

function crossingWords(edge: GraphEdge, labelOf: ReadonlyMap<string, string>): string[] {
  const target = labelOf.get(edge.to) ?? edge.to;
  switch (edge.relation) {
    case 'routes':
      return [...edge.labels];
    case 'matches':
      return edge.labels.map((label) => label.split(' [')[0] ?? label);
    case 'calls':
      return edge.labels.map((label) => `calls ${label}`);
    case 'publishes':
      return [`PutEvents ${edge.labels.join(', ')}`.trim()];
    default:
      return [`${RELATION_WORDS[edge.relation]} ${target}`];
  }
}

/**
 * One service in detail: its own resources in its subgraph, and the resources of other services its
 * arrows reach, each in a subgraph of their own service.
 */
export function serviceDiagram(graph: AppGraph, stack: string, stacks: readonly string[]): string {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const own = graph.nodes.filter((node) => node.stackName === stack);
  const ownIds = new Set(own.map((node) => node.id));
  const edges = graph.edges.filter((edge) => ownIds.has(edge.from) || ownIds.has(edge.to));
  const shown = new Map<string, GraphNode[]>();
  for (const id of new Set([
    ...own.map((node) => node.id),
    ...edges.flatMap((edge) => [edge.from, edge.to]),
  ])) {
    const node = nodes.get(id);
    if (node) shown.set(node.stackName, [...(shown.get(node.stackName) ?? []), node]);
  }
  const lines = ['flowchart LR'];
  for (const [stackName, members] of [...shown].sort(([a], [b]) =>
    a === stack ? -1 : b === stack ? 1 : a.localeCompare(b),
  )) {
    lines.push(`  subgraph ${mermaidId(`s_${stackName}`)}["${mermaidText(serviceName(stackName, stacks))}"]`);
    for (const node of members) lines.push(`    ${nodeLine(node)}`);
    lines.push('  end');
  }
  lines.push(...arrows(edges, mermaidId));
  return mermaidBlock(lines);
}

/** docs/architecture.md: the overview, then each service in detail, in the assembly's order. */
export function architecturePage(graph: AppGraph, stacks: readonly string[]): string {
  const sections = stacks
    .filter((stack) => graph.nodes.some((node) => node.stackName === stack))
    .map(
      (stack) =>
        `## ${serviceName(stack, stacks)}\n\n\`${stack}\`\n\n${serviceDiagram(graph, stack, stacks)}\n`,
    );
  return [
    '# Architecture',
    '',
    'Generated by `npm run docs` from the synthesized `local` stage (its CloudFormation templates); do not edit.',
    'Arrows come from the templates: API integrations, event source mappings, rules and their targets, IAM',
    "grants (reads, writes, sends, PutEvents, invokes, starts, calls of another service's internal API) and",
    'dead-letter settings (dotted). Names are construct paths, shortened.',
    '',
    '## Services',
    '',
    overviewDiagram(graph, stacks),
    '',
    ...sections,
  ].join('\n');
}
