import { passesFilter } from '../../../sns/filter';
import { compileFilterPolicy, type FilterPolicyScope } from '../../../sns/filter-policy';
import type { PublishedMessage, SnsMessageAttribute } from '../../../sns/message';
import { subscriptionFrom } from '../../../sns/model';

/**
 * Filter policies, with the cases of AWS's SNS developer guide (string-value-matching,
 * numeric-value-matching, attribute-key-matching, and-or-logic, example-filter-policies): the policy,
 * a message that matches, one that does not.
 */
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:t';

function subscription(policy: object, scope: FilterPolicyScope = 'MessageAttributes') {
  const made = subscriptionFrom(`${TOPIC}:s`, TOPIC, {
    Protocol: 'sqs',
    Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
    FilterPolicy: JSON.stringify(policy),
    FilterPolicyScope: scope,
  });
  if (typeof made === 'string') throw new Error(made);
  return made;
}

function message(attributes: Record<string, SnsMessageAttribute>, body = 'text'): PublishedMessage {
  return { messageId: 'm', topicArn: TOPIC, message: body, attributes, timestamp: new Date(0) };
}

const string = (value: string) => ({ DataType: 'String', StringValue: value });
const strings = (...values: unknown[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });
const number = (value: string) => ({ DataType: 'Number', StringValue: value });

/** Whether a policy on the attributes scope accepts a message with these attributes. */
const onAttributes = (policy: object, attributes: Record<string, SnsMessageAttribute>) =>
  passesFilter(subscription(policy), message(attributes));
/** Whether a policy on the body scope accepts this body. */
const onBody = (policy: object, body: unknown) =>
  passesFilter(
    subscription(policy, 'MessageBody'),
    message({}, typeof body === 'string' ? body : JSON.stringify(body)),
  );

describe('an SNS filter policy on message attributes', () => {
  it('matches exact strings, each element of a String.Array on its own', () => {
    const policy = { customer_interests: ['rugby', 'tennis'] };
    expect(onAttributes(policy, { customer_interests: string('rugby') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string('tennis') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: strings('rugby', 'tennis') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string('baseball') })).toBe(false);
    expect(onAttributes(policy, { customer_interests: strings('baseball') })).toBe(false);
  });

  it('anything-but: a value not listed (for an array, some element not listed), never an absent one', () => {
    const policy = { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] };
    expect(onAttributes(policy, { customer_interests: string('baseball') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string('football') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: strings('rugby', 'baseball') })).toBe(true);
    expect(onAttributes(policy, { customer_interests: string('rugby') })).toBe(false);
    expect(onAttributes(policy, {})).toBe(false);
  });

  it('anything-but with a prefix, prefix, suffix and equals-ignore-case', () => {
    const notOrders = { event: [{ 'anything-but': { prefix: 'order-' } }] };
    expect(onAttributes(notOrders, { event: string('data-entry') })).toBe(true);
    expect(onAttributes(notOrders, { event: string('order-cancelled') })).toBe(false);
    const prefix = { customer_interests: [{ prefix: 'bas' }] };
    expect(onAttributes(prefix, { customer_interests: string('baseball') })).toBe(true);
    expect(onAttributes(prefix, { customer_interests: string('basketball') })).toBe(true);
    expect(onAttributes(prefix, { customer_interests: string('rugby') })).toBe(false);
    const suffix = { customer_interests: [{ suffix: 'ball' }] };
    expect(onAttributes(suffix, { customer_interests: string('baseball') })).toBe(true);
    expect(onAttributes(suffix, { customer_interests: string('rugby') })).toBe(false);
    const anyCase = { customer_interests: [{ 'equals-ignore-case': 'tennis' }] };
    expect(onAttributes(anyCase, { customer_interests: string('TENNIS') })).toBe(true);
    expect(onAttributes(anyCase, { customer_interests: string('Tennis') })).toBe(true);
    expect(onAttributes(anyCase, { customer_interests: string('rugby') })).toBe(false);
  });

  it('cidr matches addresses of the block', () => {
    const policy = { source_ip: [{ cidr: '10.0.0.0/24' }] };
    expect(onAttributes(policy, { source_ip: string('10.0.0.0') })).toBe(true);
    expect(onAttributes(policy, { source_ip: string('10.0.0.255') })).toBe(true);
    expect(onAttributes(policy, { source_ip: string('10.1.1.0') })).toBe(false);
  });

  it('numeric: equality by value, anything-but numbers, ranges', () => {
    const equal = { price_usd: [{ numeric: ['=', 301.5] }] };
    expect(onAttributes(equal, { price_usd: number('301.5') })).toBe(true);
    expect(onAttributes(equal, { price_usd: number('3.015e2') })).toBe(true);
    const notListed = { price: [{ 'anything-but': [100, 500] }] };
    expect(onAttributes(notListed, { price: number('101') })).toBe(true);
    expect(onAttributes(notListed, { price: number('100.1') })).toBe(true);
    expect(onAttributes(notListed, { price: number('100') })).toBe(false);
    const range = { price_usd: [{ numeric: ['>', 0, '<=', 150] }] };
    expect(onAttributes(range, { price_usd: number('150') })).toBe(true);
    expect(onAttributes(range, { price_usd: number('0') })).toBe(false);
    expect(onAttributes(range, { price_usd: number('151') })).toBe(false);
  });

  it('compares by the attribute type: a Number is a number, a String is a string', () => {
    expect(onAttributes({ price: [100] }, { price: number('100') })).toBe(true);
    expect(onAttributes({ price: [100] }, { price: string('100') })).toBe(false);
    expect(onAttributes({ price: ['100'] }, { price: string('100') })).toBe(true);
    expect(onAttributes({ price: [{ numeric: ['>', 1] }] }, { price: string('100') })).toBe(false);
    // Numbers inside a String.Array are numbers too.
    expect(onAttributes({ sizes: [{ numeric: ['>', 40] }] }, { sizes: strings(38, 42) })).toBe(true);
  });

  it('exists: true wants the attribute, false its absence; Binary attributes are never compared', () => {
    expect(onAttributes({ store: [{ exists: true }] }, { store: string('example_corp') })).toBe(true);
    expect(onAttributes({ store: [{ exists: true }] }, {})).toBe(false);
    expect(onAttributes({ store: [{ exists: false }] }, {})).toBe(true);
    expect(onAttributes({ store: [{ exists: false }] }, { store: string('x') })).toBe(false);
    const binary = { store: { DataType: 'Binary', BinaryValue: 'AAE=' } };
    expect(onAttributes({ store: [{ exists: true }] }, binary)).toBe(false);
  });

  it('every key must match (AND); $or takes either alternative', () => {
    const and = { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] };
    expect(onAttributes(and, { customer_interests: string('rugby'), price_usd: number('210.75') })).toBe(
      true,
    );
    expect(onAttributes(and, { customer_interests: string('rugby'), price_usd: number('50') })).toBe(false);
    const or = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    };
    expect(onAttributes(or, { source: string('aws.cloudwatch'), namespace: string('AWS/EC2') })).toBe(true);
    expect(onAttributes(or, { source: string('aws.cloudwatch'), metricName: string('CPUUtilization') })).toBe(
      true,
    );
    expect(onAttributes(or, { source: string('aws.cloudwatch'), metricName: string('Other') })).toBe(false);
  });
});

describe('an SNS filter policy on the message body', () => {
  it('matches the JSON body, nested keys included', () => {
    const policy = { customer_interests: ['basketball'], order: { status: ['placed'] } };
    expect(
      onBody(policy, { customer_interests: ['basketball', 'baseball'], order: { status: 'placed' } }),
    ).toBe(true);
    expect(onBody(policy, { customer_interests: ['rugby'], order: { status: 'placed' } })).toBe(false);
    expect(onBody({ price_usd: [{ numeric: ['=', 301.5] }] }, { price_usd: 3.015e2 })).toBe(true);
    expect(onBody({ price: [{ 'anything-but': [100, 500] }] }, { price: [100, 50] })).toBe(true);
  });

  it('never matches a body that is not a JSON object', () => {
    expect(onBody({ kind: [{ exists: false }] }, 'plain text')).toBe(false);
    expect(onBody({ kind: [{ exists: false }] }, [1, 2])).toBe(false);
  });
});

describe('an SNS filter policy that SNS refuses', () => {
  const refused =
    (policy: object, scope: FilterPolicyScope = 'MessageAttributes') =>
    () =>
      compileFilterPolicy(JSON.stringify(policy), scope);

  it('nests keys on the attributes scope (the body scope may)', () => {
    expect(refused({ order: { status: ['placed'] } })).toThrow('does not support nested filter policy');
    expect(
      subscriptionFrom(`${TOPIC}:s`, TOPIC, {
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
        FilterPolicy: { a: { b: ['c'] } },
      }),
    ).toBe(
      'its filter policy is invalid (Filter policy scope MessageAttributes does not support nested filter policy)',
    );
    expect(refused({ order: { status: ['placed'] } }, 'MessageBody')).not.toThrow();
  });

  it('has more than five keys or 150 combinations, or an operator SNS does not have', () => {
    expect(refused({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] })).toThrow(
      'more than 5 keys',
    );
    const values = Array.from({ length: 151 }, (_, index) => `v${index}`);
    expect(refused({ a: values })).toThrow('too complex');
    expect(refused({ a: values.slice(0, 15), b: values.slice(0, 10) })).not.toThrow();
    expect(refused({ a: values.slice(0, 16), b: values.slice(0, 10) })).toThrow('too complex');
    expect(refused({ a: [{ wildcard: 'x*' }] })).toThrow('Unrecognized match type wildcard');
  });

  it('is not a valid pattern, with the reason the pattern compiler gives', () => {
    expect(refused({ a: [{ prefix: 1 }] })).toThrow(
      'Invalid parameter: FilterPolicy: prefix match pattern must be a string',
    );
    expect(() => compileFilterPolicy('{"a": [', 'MessageAttributes')).toThrow('failed to parse JSON');
  });
});
