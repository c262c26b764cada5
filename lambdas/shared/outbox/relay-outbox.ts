import { EventBridgeBus, eventBridgeClient } from '../aws/eventbridge-bus';
import { readConfig } from '../config';
import { relayToBus } from '../streams/relay-to-bus';
import { readOutboxStream } from './outbox-stream';

/**
 * The Lambda entry of every service's outbox relay (lib/constructs/transactional-outbox.ts): its Outbox
 * table's stream -> the bus, as the service's own event source and no other.
 */
const config = readConfig(['EVENT_BUS_NAME', 'EVENT_SOURCE']);

export const handler = relayToBus(
  { bus: new EventBridgeBus(eventBridgeClient(), config.EVENT_BUS_NAME) },
  (records) => readOutboxStream(records, config.EVENT_SOURCE),
);
