import * as z from 'zod/mini';

/**
 * One event type's versions, as its producer's contract declares them. Events are immutable: a version,
 * once published, is never changed; a change that removes or narrows a field is a new version, with an
 * upcaster from the one before, so that consumers and stored events of the old version keep working.
 */
export interface EventVersions {
  /** The version new events are written with. */
  readonly current: number;
  /** The schema of `data` for every version ever written, by version. */
  readonly schemas: Readonly<Record<number, z.ZodMiniType>>;
  /** `upcasters[v]` turns valid data of version v into data of version v + 1. */
  readonly upcasters: Readonly<Record<number, (data: never) => unknown>>;
  /** A realistic `data` of every version, for the catalogue and the consumers' contract tests. */
  readonly examples: Readonly<Record<number, unknown>>;
}

/** An event type that has only ever had its first version. */
export function firstVersion(schema: z.ZodMiniType, example: unknown): EventVersions {
  return { current: 1, schemas: { 1: schema }, upcasters: {}, examples: { 1: example } };
}

/** Every event type a service publishes, under its EventBridge source. */
export interface ServiceEvents {
  /** `shop.<service>` */
  readonly source: string;
  readonly events: Readonly<Record<string, EventVersions>>;
}

/**
 * The schema of an event's `detail` at one version: the envelope (DESIGN.md, "Events") with its
 * `schemaVersion` fixed, around that version's `data`.
 */
export function envelopeSchema(version: number, data: z.ZodMiniType): z.ZodMiniType {
  return z.object({
    metadata: z.object({
      eventId: z.string().check(z.minLength(1)),
      correlationId: z.string().check(z.minLength(1)),
      causationId: z.string().check(z.minLength(1)),
      schemaVersion: z.literal(version),
      occurredAt: z.iso.datetime(),
      streamId: z.optional(z.string().check(z.minLength(1))),
      streamVersion: z.optional(z.int().check(z.minimum(1))),
    }),
    data,
  });
}

/** An event type, or a version of one, that its producer never published (or has no upcaster for). */
export class UnknownEventError extends Error {
  override readonly name: string = 'UnknownEventError';
}

/**
 * Reads an event's `data` of any version its producer ever published: parsed with the schema of its own
 * version, then walked up the upcasters to the current one. An unknown type or version is an
 * UnknownEventError, data that does not fit its version the schema's error: a reader must not guess.
 * `where` names the event in the messages.
 */
export function readEventData(
  catalogue: ServiceEvents,
  type: string,
  schemaVersion: number,
  data: unknown,
  where: string,
): unknown {
  const versions = catalogue.events[type];
  if (versions === undefined) {
    throw new UnknownEventError(`${catalogue.source} publishes no ${type} (${where}).`);
  }
  const schema = versions.schemas[schemaVersion];
  if (schema === undefined || schemaVersion > versions.current) {
    throw new UnknownEventError(`No schema for ${type} v${schemaVersion} (${where}).`);
  }
  let value = schema.parse(data);
  for (let version = schemaVersion; version < versions.current; version++) {
    const step = versions.upcasters[version];
    if (step === undefined) throw new UnknownEventError(`No upcaster for ${type} v${version} (${where}).`);
    value = step(value as never);
  }
  return value;
}
