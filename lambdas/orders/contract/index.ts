/**
 * The orders service's contract: all that another service, and the infrastructure, may import from it.
 * No SDK, no adapter: words (vocabulary.ts), names (names.ts), the public request shapes (requests.ts),
 * its internal API's routes and answers (api.ts), the versioned events it publishes (events.ts) and the fields every service's order events share
 * (event-fields.ts), and the callback secret it issues (callbacks.ts).
 */
export * from './api';
export * from './callbacks';
export * from './event-fields';
export * from './events';
export * from './names';
export * from './requests';
export * from './vocabulary';
