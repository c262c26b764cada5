export type { SnsDeliveryTargets } from './delivery';
export { type ApiMadeState, LocalSns, type LocalSnsOptions } from './local-sns';
export { buildSnsModel, type SnsModel } from './model';
export { keepSnsStateIn } from './sns-files';
export { SnsService } from './sns-service';
