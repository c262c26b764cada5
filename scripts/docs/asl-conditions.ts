/**
 * A Choice rule of Amazon States Language, summarised as one short condition: `$.order.status ==
 * "PENDING"`, `$.rejection.reason is present`, combinations with and / or / not, or a JSONata condition.
 */
export type ChoiceRule = Record<string, unknown>;

const OPERATORS: ReadonlyArray<[RegExp, string]> = [
  [/Equals(Path)?$/, '=='],
  [/GreaterThanEquals(Path)?$/, '>='],
  [/LessThanEquals(Path)?$/, '<='],
  [/GreaterThan(Path)?$/, '>'],
  [/LessThan(Path)?$/, '<'],
  [/^StringMatches$/, 'matches'],
];

export function conditionText(rule: ChoiceRule): string {
  if (typeof rule.Condition === 'string') return rule.Condition;
  if (Array.isArray(rule.And)) return rule.And.map((inner) => `(${conditionText(inner)})`).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((inner) => `(${conditionText(inner)})`).join(' or ');
  if (typeof rule.Not === 'object' && rule.Not !== null)
    return `not (${conditionText(rule.Not as ChoiceRule)})`;
  const variable = String(rule.Variable ?? '?');
  const [operator, operand] = Object.entries(rule).find(
    ([key]) => !['Variable', 'Next', 'Comment', 'Assign', 'Output'].includes(key),
  ) ?? ['?', undefined];
  const test = /^Is(Present|Null|String|Numeric|Boolean|Timestamp)$/.exec(operator);
  if (test) return `${variable} ${operand === false ? 'is not' : 'is'} ${test[1]?.toLowerCase()}`;
  const symbol = OPERATORS.find(([pattern]) => pattern.test(operator))?.[1] ?? operator;
  const value = operator.endsWith('Path') ? String(operand) : JSON.stringify(operand);
  return `${variable} ${symbol} ${value}`;
}
