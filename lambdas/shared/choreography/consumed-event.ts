import * as z from 'zod/mini';
import type { EventMetadata } from '../events/envelope';
import { readEventData, type ServiceEvents } from '../events/event-versions';

/**
 * A domain event as a choreography consumer receives it: the body of an SQS message that an EventBridge
 * rule put on the service's queue (the whole EventBridge event, `detail` being the envelope).
 */
export interface ConsumedEvent<TData = unknown> {
  readonly source: string;
  readonly type: string;
  readonly metadata: EventMetadata;
  /** Upcast to the current version of the producer's contract. */
  readonly data: TData;
  /** How many times the queue has delivered this message, this delivery included. */
  readonly attempt: number;
}

/**
 * How a step caused by this event is described in the events it writes: the order's correlation id, this
 * event as the cause, driven by the choreography, and why, for a compensation.
 */
export function stepOf<TCause extends string>(event: ConsumedEvent, cause?: TCause) {
  return {
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.eventId,
    sagaStyle: 'choreography' as const,
    ...(cause === undefined ? {} : { cause }),
  };
}

const busEvent = z.object({
  source: z.string(),
  'detail-type': z.string(),
  detail: z.object({
    metadata: z.object({
      eventId: z.string().check(z.minLength(1)),
      correlationId: z.string().check(z.minLength(1)),
      causationId: z.string().check(z.minLength(1)),
      schemaVersion: z.int().check(z.minimum(1)),
      occurredAt: z.string(),
      streamId: z.optional(z.string().check(z.minLength(1))),
      streamVersion: z.optional(z.int().check(z.minimum(1))),
    }),
    data: z.unknown(),
  }),
});

/** A message that is no event of a known producer: after its receives it belongs in the DLQ. */
export class UnreadableEvent extends Error {
  override readonly name: string = 'UnreadableEvent';
}

/**
 * Reads a message body into the event it carries, checked against its producer's contract (of any version
 * the producer ever published) and upcast to the current version.
 */
export function readConsumedEvent(
  body: string,
  producers: readonly ServiceEvents[],
  attempt = 1,
): ConsumedEvent {
  let parsed: z.infer<typeof busEvent>;
  try {
    parsed = busEvent.parse(JSON.parse(body));
  } catch (error) {
    throw new UnreadableEvent(`Not an EventBridge event in our envelope: ${(error as Error).message}`);
  }
  const producer = producers.find(({ source }) => source === parsed.source);
  if (producer === undefined) throw new UnreadableEvent(`No consumer here for events of ${parsed.source}.`);
  const { metadata, data } = parsed.detail;
  try {
    return {
      source: parsed.source,
      type: parsed['detail-type'],
      metadata,
      data: readEventData(producer, parsed['detail-type'], metadata.schemaVersion, data, metadata.eventId),
      attempt,
    };
  } catch (error) {
    throw new UnreadableEvent(`${parsed['detail-type']} ${metadata.eventId}: ${(error as Error).message}`);
  }
}
