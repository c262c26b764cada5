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
  /**
   * An event-sourced producer's events say which stream they belong to and where in it (the orders
   * service: the order's id and its version after this event), so that a consumer can tell which order
   * an event is about and put one order's events back in order.
   */
  readonly streamId?: string;
  readonly streamVersion?: number;
}

export interface EventEnvelope<TData> {
  readonly metadata: EventMetadata;
  readonly data: TData;
}
