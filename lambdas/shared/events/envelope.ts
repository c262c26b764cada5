/**
 * The envelope every domain event travels in (DESIGN.md, "Events"): EventBridge `detail` is exactly this.
 * `correlationId` ties all events of one business transaction together; `causationId` names the event or
 * request that directly caused this one.
 */
export interface EventMetadata {
  readonly eventId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
}

export interface EventEnvelope<TData> {
  readonly metadata: EventMetadata;
  readonly data: TData;
}
