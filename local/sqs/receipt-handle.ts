import { randomBytes } from 'node:crypto';

/**
 * Receipt handles name the queue and the message and carry a fresh nonce, so every receive issues a new
 * handle and a handle from another queue or an older receive is recognised as such.
 */
export function newReceiptHandle(queueName: string, messageId: string): string {
  return Buffer.from(`${queueName} ${messageId} ${randomBytes(12).toString('hex')}`).toString('base64url');
}

export function readReceiptHandle(handle: string): { queueName: string; messageId: string } | undefined {
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split(' ');
  if (parts.length !== 3 || !/^[0-9a-f]{24}$/.test(parts[2] as string)) return undefined;
  return { queueName: parts[0] as string, messageId: parts[1] as string };
}
