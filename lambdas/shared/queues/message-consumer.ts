import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from '../logger';
import { TRANSACTION_CORRELATION_ATTRIBUTE } from './message-attributes';

/** A message that is not what the queue carries: it fails every receive, then its queue's DLQ takes it. */
export class UnreadableMessage extends Error {
  override readonly name: string = 'UnreadableMessage';
}

/**
 * A consumer of a queue of plain messages (not bus events): each record of the batch is parsed with
 * `schema` and handled on its own by Powertools' batch processor, whose partial batch response returns only
 * the failed ones to the queue. The business transaction's correlation id, from the message attribute,
 * is on every log line of the message; `handle` says what the message came to, for the log. A batch whose
 * every message failed is thrown (Powertools' FullBatchFailureError): Lambda returns it all to the queue.
 */
export function messageConsumer<T>(
  what: string,
  schema: z.ZodMiniType<T>,
  handle: (message: T, correlationId: string | undefined) => Promise<string>,
) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const correlationId = record.messageAttributes?.[TRANSACTION_CORRELATION_ATTRIBUTE]?.stringValue;
    // Given with each line, not appended to the logger: the batch processor handles records concurrently.
    const keys = { messageId: record.messageId, ...(correlationId ? { correlationId } : {}) };
    try {
      const message = read(what, schema, record.body);
      const outcome = await handle(message, correlationId);
      logger.info(`${what} handled`, { ...keys, outcome });
    } catch (error) {
      logger.warn(`${what} not handled`, { ...keys, error: error as Error });
      throw error;
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    return processPartialResponse(event, handleRecord, processor, { context });
  };
}

function read<T>(what: string, schema: z.ZodMiniType<T>, body: string): T {
  try {
    return schema.parse(JSON.parse(body));
  } catch (error) {
    throw new UnreadableMessage(`Not a ${what}: ${(error as Error).message}`);
  }
}
