import { overviewDiagram, serviceDiagram } from '../../../scripts/docs/architecture-diagram';
import { eventFlowDiagram } from '../../../scripts/docs/event-flow-page';
import { exportsOf, resolveReference } from '../../../scripts/docs/stack-exports';
import { appGraph, type GraphEdge } from '../../../scripts/docs/template-graph';
import { EDGE, SERVICE } from './fixture-stacks';

const graph = appGraph([SERVICE, EDGE]);
const labelOf = new Map(graph.nodes.map((node) => [node.id, node.label]));
const readable = (edge: GraphEdge) =>
  `${labelOf.get(edge.from)} ${edge.relation} ${labelOf.get(edge.to)}${edge.labels.length ? ` [${edge.labels.join('; ')}]` : ''}`;

describe('cross-stack imports', () => {
  it("resolve through the producing stack's Outputs, CDK's generated names and custom names alike", () => {
    const exports = exportsOf([SERVICE, EDGE]);
    expect(
      resolveReference(
        { kind: 'import', exportName: 'App-Test-ServiceInternalApiId' },
        'App-Test-Edge',
        exports,
      ),
    ).toEqual({
      stackName: 'App-Test-Service',
      logicalId: 'InternalApi',
    });
    expect(
      resolveReference(
        { kind: 'import', exportName: 'App-Test-Service:ExportsOutputFnGetAttWriterFunctionArn' },
        'App-Test-Edge',
        exports,
      ),
    ).toEqual({ stackName: 'App-Test-Service', logicalId: 'WriterFunction', attribute: 'Arn' });
    expect(
      resolveReference({ kind: 'import', exportName: 'Nobody:Exports' }, 'App-Test-Edge', exports),
    ).toBeUndefined();
  });
});

describe('the graph of a template', () => {
  it('names nodes by their construct path, shortened, and leaves custom-resource plumbing out', () => {
    expect(graph.nodes.map((node) => `${node.kind} ${node.label}`).sort()).toEqual([
      'api InternalApi',
      'api PublicApi',
      'api Socket',
      'bus DomainEvents',
      'function Caller',
      'function Reader',
      'function Writer',
      'queue DeadLetters',
      'queue Work',
      'rule OnThingChanged',
      'table Things',
    ]);
  });

  it('draws every arrow from the templates: routes, mappings, grants, rules, targets and dead letters', () => {
    expect(graph.edges.map(readable).sort()).toEqual([
      'Caller calls InternalApi [GET /things/*]',
      'Caller invokes Writer',
      'DomainEvents matches OnThingChanged [ThingChanged [data.kind="big"]]',
      'OnThingChanged deadLetters DeadLetters',
      'OnThingChanged targets Caller',
      'PublicApi routes Writer [PUT /things/{thingId}]',
      'Socket routes Reader [$connect; authorizer]',
      'Work consumes Reader [messages]',
      'Writer calls Socket [POST /@connections/*]',
      'Writer publishes DomainEvents [app.service]',
      'Writer reads Things',
      'Writer writes Things',
    ]);
  });

  it('sums up what crosses between services in the overview, and keeps the detail per service', () => {
    const overview = overviewDiagram(graph, ['App-Test-Service', 'App-Test-Edge']);
    expect(overview).toContain(
      'App_Test_Edge -->|"PUT /things/{thingId}<br/>calls GET /things/*<br/>invokes Writer"| App_Test_Service',
    );
    expect(overview).toContain('App_Test_Service -->|"ThingChanged"| App_Test_Edge');
    const service = serviceDiagram(graph, 'App-Test-Service', ['App-Test-Service', 'App-Test-Edge']);
    expect(service).toContain('subgraph s_App_Test_Service["Service"]');
    expect(service).toContain('-->|"reads<br/>writes"| App_Test_Service_ThingsTable');
  });
});

describe('an event flow', () => {
  const stacks = ['App-Test-Service', 'App-Test-Edge'];

  it('follows an event from its publisher over the bus through each matching rule to its targets', () => {
    const flow = eventFlowDiagram(graph, 'app.service', 'ThingChanged', stacks);
    expect(flow).toContain('App_Test_Service_WriterFunction -->|"PutEvents"| App_Test_Service_Bus');
    expect(flow).toContain(
      'App_Test_Service_Bus -->|"[data.kind=#quot;big#quot;]"| App_Test_Edge_OnThingChanged',
    );
    expect(flow).toContain('App_Test_Edge_OnThingChanged --> App_Test_Edge_CallerFunction');
  });

  it('draws no rule for a type nothing matches, and nothing at all for an unknown source', () => {
    expect(eventFlowDiagram(graph, 'app.service', 'ThingDeleted', stacks)).not.toContain('OnThingChanged');
    expect(eventFlowDiagram(graph, 'app.nobody', 'Anything', stacks)).toBe(
      '_Neither a publisher nor a rule in the app._',
    );
  });
});
