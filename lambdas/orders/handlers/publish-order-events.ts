import { EventBridgeBus, eventBridgeClient } from '../../shared/aws/eventbridge-bus';
import { readConfig } from '../../shared/config';
import { publishOrderEventsHandler } from './publish-order-events-handler';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig(['EVENT_BUS_NAME']);

export const handler = publishOrderEventsHandler({
  bus: new EventBridgeBus(eventBridgeClient(), config.EVENT_BUS_NAME),
});
