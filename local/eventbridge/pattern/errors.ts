/**
 * An event pattern AWS would reject. `code` is the error code EventBridge answers with (PutRule,
 * TestEventPattern), and the message has AWS's shape: `Event pattern is not valid. Reason: <reason>`, with
 * the reasons worded as AWS's rule compiler (event-ruler) words them.
 */
export class InvalidEventPatternError extends Error {
  readonly code = 'InvalidEventPatternException';

  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}

/** Throws the rejection; typed `never` so validation code reads as straight-line checks. */
export function reject(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
