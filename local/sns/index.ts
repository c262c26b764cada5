export type { SnsDeliveryTargets } from './delivery';
export { LocalSns, type LocalSnsOptions } from './local-sns';
export { buildSnsModel, type SnsModel } from './model';
export { SnsService } from './sns-service';
