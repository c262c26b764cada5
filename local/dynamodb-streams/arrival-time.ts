/**
 * When a record entered the stream, as well as can be told. DynamoDB Local truncates
 * ApproximateCreationDateTime to the minute (AWS to the second), so a record may be up to a minute younger
 * than it says; and it cannot be younger than the moment the poller first read it. The later bound that
 * holds is taken, so MaximumRecordAgeInSeconds never discards a record early.
 */
export function arrivalTimeMs(approximateCreationSeconds: number, firstReadMs: number): number {
  const latestPossible = approximateCreationSeconds * 1000 + 60_000;
  return Math.min(latestPossible, firstReadMs);
}
