/** An event as EventBridge delivers it to targets and matches it against patterns. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO-8601 to the second, as EventBridge writes it: `2024-01-02T03:04:05Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** An event on its way through the local cloud: the envelope plus what delivery needs to know about it. */
export interface RoutedEvent {
  readonly envelope: EventEnvelope;
  readonly eventBusName: string;
  /** When EventBridge accepted it (epoch ms): the start of MaximumEventAgeInSeconds. */
  readonly ingestedAt: number;
  /** How many times a rule has forwarded it to another bus; bounds forwarding loops. */
  readonly hops: number;
}

/** EventBridge's timestamps have no milliseconds. */
export function eventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
