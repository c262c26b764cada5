/** A response about to be written: headers keep their case and may repeat (multi-value headers). */
export interface HttpResult {
  readonly statusCode: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}
