/**
 * The push service's contract: the WebSocket API's routes and messages (what a client sends and receives),
 * and the names its infrastructure (lib/) and its functions share. No SDK, no adapter.
 */
export * from './messages';
export * from './names';
