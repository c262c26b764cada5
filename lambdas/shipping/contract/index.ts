/** The shipping service's contract: all that another service, and the infrastructure, may import from it. */
export * from './api';
export * from './errors';
export * from './events';
export * from './labels';
