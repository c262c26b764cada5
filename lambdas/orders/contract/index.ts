/**
 * The orders service's contract: all that another service, and the infrastructure, may import from it.
 * No SDK, no adapter: words (vocabulary.ts), names (names.ts), the public request shapes (requests.ts)
 * and the versioned events it publishes (events.ts).
 */
export * from './events';
export * from './names';
export * from './requests';
export * from './vocabulary';
