/** Which local service a target ARN points at; the dispatcher is chosen by it. */
export type TargetKind = 'lambda' | 'sqs' | 'sns' | 'states' | 'event-bus';

/**
 * `arn:aws:lambda:…:function:f` → `lambda`, `arn:aws:sqs:…` → `sqs`, `arn:aws:sns:…` → `sns`, `arn:aws:states:…:stateMachine:m` →
 * `states`, `arn:aws:events:…:event-bus/b` → `event-bus`; undefined for every other target type (API
 * destinations, Kinesis, ECS, …), which the local cloud does not deliver to.
 */
export function targetKindOf(arn: string): TargetKind | undefined {
  const [prefix, , service, , , resource = ''] = arn.split(':');
  if (prefix !== 'arn') return undefined;
  if (service === 'lambda' && resource === 'function') return 'lambda';
  if (service === 'sqs') return 'sqs';
  if (service === 'sns') return 'sns';
  if (service === 'states' && resource === 'stateMachine') return 'states';
  if (service === 'events' && resource.startsWith('event-bus/')) return 'event-bus';
  return undefined;
}
