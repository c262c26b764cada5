/** A message published to a topic, as SNS holds it before delivery. */
export interface SnsMessageAttribute {
  /** `String`, `String.Array`, `Number` or `Binary` (optionally with a custom `.suffix`). */
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64. */
  readonly BinaryValue?: string;
}

export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  /** The message for this protocol (MessageStructure `json` chooses per protocol); see messageFor. */
  readonly message: string;
  /** With MessageStructure `json`: the per-protocol messages, `default` required. */
  readonly structured?: Readonly<Record<string, string>>;
  readonly subject?: string;
  readonly attributes: Readonly<Record<string, SnsMessageAttribute>>;
  readonly timestamp: Date;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
}

/** The text a protocol's subscribers get: its own entry of a `json` structured message, else `default`. */
export function messageFor(message: PublishedMessage, protocol: string): string {
  return message.structured?.[protocol] ?? message.structured?.default ?? message.message;
}

/**
 * The attributes a subscriber gets: none for a `MessageStructure: 'json'` message ("message attributes
 * are sent only when the message structure is String, not JSON", SNS's guide); its filter policies still
 * see them.
 */
export function deliveredAttributes(
  message: PublishedMessage,
): Readonly<Record<string, SnsMessageAttribute>> {
  return message.structured === undefined ? message.attributes : {};
}

/** What the envelopes carry for an attribute: `{ Type, Value }`, binary as its base64 text. */
export function envelopeAttributes(
  attributes: Readonly<Record<string, SnsMessageAttribute>>,
): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      { Type: attribute.DataType, Value: attribute.StringValue ?? attribute.BinaryValue ?? '' },
    ]),
  );
}

/**
 * The object a MessageAttributes-scope filter policy is matched against: strings as strings, numbers as
 * numbers, `String.Array` as its JSON array; binary attributes are left out (SNS ignores them for filtering).
 */
export function filterableAttributes(attributes: Readonly<Record<string, SnsMessageAttribute>>): object {
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const type = attribute.DataType.split('.')[0];
    const text = attribute.StringValue;
    if (text === undefined) continue;
    if (type === 'Number') values[name] = Number(text);
    else if (attribute.DataType.startsWith('String.Array')) {
      try {
        values[name] = JSON.parse(text);
      } catch {
        values[name] = text;
      }
    } else if (type === 'String') values[name] = text;
  }
  return values;
}
