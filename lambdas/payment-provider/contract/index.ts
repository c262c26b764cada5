/**
 * The stub payment provider's contract: its API's request shapes, which the infrastructure turns into
 * API Gateway models and the payments service's client must send.
 */
export * from './requests';
