export { buildStateMachines, describeFindings, STATE_MACHINE_TYPE } from './build-state-machines';
export { scanDefinition } from './definition-scan';
export { type ExecutionStore, fileExecutionStore } from './execution-store';
export { LocalStepFunctions } from './local-step-functions';
export { installPromiseWithResolvers } from './promise-with-resolvers';
export {
  type DefinitionFinding,
  type ExecutionStatus,
  type LocalStateMachine,
  type ServiceIntegration,
  type StepFunctionsOptions,
  TaskFailure,
} from './types';
