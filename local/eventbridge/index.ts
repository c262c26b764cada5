/**
 * The local EventBridge: buses, rules and archives from the resolved template, the AWSEvents API for the
 * single local endpoint, and delivery to targets through a `TargetDispatcher`.
 */
export { type ArchiveLog, archiveFiles } from './archive-files';
export { type SendToQueueOptions, TargetDeliveryError, type TargetDispatcher } from './delivery/dispatcher';
export type { EventEnvelope } from './events/envelope';
export { buildEventBridgeModel, type ModelOptions } from './model/build-model';
export type { ArchiveModel, EventBridgeModel, EventBusModel, RuleModel, TargetModel } from './model/types';
export { LocalEventBridge, type LocalEventBridgeOptions } from './service/local-eventbridge';
