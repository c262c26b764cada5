import { type CfnResource, constructPath } from './cfn-intrinsics';
import type { StackTemplate } from './stack-exports';

/** What the pictures draw; everything else in a template (roles, logs, alarms, ...) is plumbing. */
export type NodeKind = 'api' | 'function' | 'table' | 'queue' | 'bus' | 'rule' | 'stateMachine';

const KIND_OF_TYPE: Readonly<Record<string, NodeKind>> = {
  'AWS::ApiGateway::RestApi': 'api',
  'AWS::ApiGatewayV2::Api': 'api',
  'AWS::Lambda::Function': 'function',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::Events::EventBus': 'bus',
  'AWS::Events::Rule': 'rule',
  'AWS::StepFunctions::StateMachine': 'stateMachine',
};

export interface GraphNode {
  /** `<stack>/<logicalId>`: unique in the app. */
  readonly id: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly kind: NodeKind;
  /** The construct path shortened to what a reader recognises (`PlaceOrder`, `OrderViews`). */
  readonly label: string;
  readonly resource: CfnResource;
}

export const nodeId = (stackName: string, logicalId: string): string => `${stackName}/${logicalId}`;

/**
 * Segments of a construct path that name the kind of thing rather than the thing: `Orders/PlaceOrder/
 * Function/Resource` is the function `PlaceOrder`.
 */
const GENERIC_SEGMENTS = new Set([
  'Resource',
  'Default',
  'Function',
  'Table',
  'Queue',
  'Api',
  'Bus',
  'StateMachine',
  'Handler',
]);

/**
 * Custom resources' providers and CDK's singleton functions (log retention, bucket notifications, AWS
 * SDK calls) are plumbing of the deployment, not of the system.
 */
const PLUMBING =
  /(^|\/)(Custom::|AWS[0-9a-f]{32}|LogRetention[0-9a-f]*|BucketNotificationsHandler|.*Provider\/framework-)/;

/** The readable name of a resource from its construct path within its stack. */
export function shortLabel(path: string, stackName: string): string {
  const segments = path
    .split('/')
    .filter((segment, index) => !(index === 0 && segment === stackName))
    .filter((segment) => !GENERIC_SEGMENTS.has(segment));
  // The first segment is usually the service's construct (`Orders`), which the subgraph already says.
  const named = segments.length > 1 ? segments.slice(1) : segments;
  return named.join(' ') || path;
}

/** The nodes of every stack, labelled so that no two of one stack read alike. */
export function graphNodes(stacks: readonly StackTemplate[]): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const { stackName, template } of stacks) {
    const ofStack: GraphNode[] = [];
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const kind = KIND_OF_TYPE[resource.Type];
      const path = constructPath(resource);
      if (kind === undefined || PLUMBING.test(path)) continue;
      const label = path ? shortLabel(path, stackName) : logicalId;
      ofStack.push({ id: nodeId(stackName, logicalId), stackName, logicalId, kind, label, resource });
    }
    const counts = new Map<string, number>();
    for (const node of ofStack) counts.set(node.label, (counts.get(node.label) ?? 0) + 1);
    nodes.push(
      ...ofStack.map((node) =>
        (counts.get(node.label) ?? 0) > 1 ? { ...node, label: `${node.label} (${node.logicalId})` } : node,
      ),
    );
  }
  return nodes;
}
