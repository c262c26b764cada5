/**
 * The only entry to aws-local-stepfunctions: importing the polyfill first guarantees it is installed
 * before the library runs anything (see promise-with-resolvers.ts for what breaks without it).
 */
import './promise-with-resolvers';

export {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
