/**
 * The stub carrier's contract: the messages it takes and answers with, which the shipping service's
 * requester and reply consumer must speak, and how its test behaviours are chosen.
 */
export * from './messages';
