import {
  CARRIER_TEST_RECIPIENTS,
  type LabelReply,
  type LabelRequest,
} from '../../../lambdas/carrier/contract';
import { labelRequestsConsumer } from '../../../lambdas/carrier/handlers/label-requests';
import type { ReplyChannel } from '../../../lambdas/carrier/ports/reply-channel';
import { SAMPLE_ORDER } from '../../fixtures/orders';
import { lambdaContext } from '../../helpers/api-gateway-event';
import { capturedLogs } from '../../helpers/captured-logs';
import { sqsEvent } from '../../helpers/sqs-event';

/** The stub carrier's request consumer, in process, its replies recorded instead of sent. */
class RecordingReplies implements ReplyChannel {
  readonly sent: Array<{ replyTo: string; reply: LabelReply; delaySeconds: number; correlationId?: string }> =
    [];
  async send(replyTo: string, reply: LabelReply, delaySeconds: number, correlationId?: string) {
    this.sent.push({ replyTo, reply, delaySeconds, ...(correlationId ? { correlationId } : {}) });
  }
}

const REPLY_TO = 'https://sqs.us-east-1.amazonaws.com/000000000000/replies';
const request = (correlationId: string, name = 'Ada Lovelace', attempt?: number): LabelRequest => ({
  correlationId,
  replyTo: REPLY_TO,
  shipmentId: 'shp_1',
  recipient: { ...SAMPLE_ORDER.shippingAddress, name },
  ...(attempt === undefined ? {} : { attempt }),
});

function carrier() {
  const replies = new RecordingReplies();
  const handler = labelRequestsConsumer({ replies, slowReplyDelaySeconds: 8 });
  return {
    replies,
    run: (bodies: unknown[], correlationId?: string) =>
      handler(sqsEvent(bodies, correlationId), lambdaContext()),
  };
}

describe('the stub carrier', () => {
  it('answers a request once, at once, on its replyTo queue, with the same correlation id and a label that follows from it', async () => {
    const { replies, run } = carrier();
    const { result, lines } = await capturedLogs(() => run([request('o1~a'), request('o1~a')], 'corr-9'));
    expect(result).toEqual({ batchItemFailures: [] });
    const [first, again] = replies.sent;
    expect(first).toEqual({
      replyTo: REPLY_TO,
      reply: {
        correlationId: 'o1~a',
        carrier: 'Stub Parcels',
        trackingNumber: expect.stringMatching(/^SP[0-9A-F]{16}$/),
      },
      delaySeconds: 0,
      correlationId: 'corr-9',
    });
    // Delivered twice, one label: the second answer is the first's.
    expect(again).toEqual(first);
    expect(lines.filter((line) => line.message === 'label request handled')).toEqual([
      expect.objectContaining({ correlationId: 'corr-9', messageId: 'm0', outcome: '1 reply sent' }),
      expect.objectContaining({ correlationId: 'corr-9', messageId: 'm1', outcome: '1 reply sent' }),
    ]);
  });

  it('gives different requests different labels', async () => {
    const { replies, run } = carrier();
    await capturedLogs(() => run([request('o1~a'), request('o1~b')]));
    const [a, b] = replies.sent.map(({ reply }) => reply.trackingNumber);
    expect(a).not.toBe(b);
  });

  it.each([
    [CARRIER_TEST_RECIPIENTS.silent, []],
    [CARRIER_TEST_RECIPIENTS.slow, [8]],
    [CARRIER_TEST_RECIPIENTS.duplicating, [0, 0]],
  ])('for the test recipient %s answers after these delays: %j', async (name, delays) => {
    const { replies, run } = carrier();
    await capturedLogs(() => run([request('o1~a', name)]));
    expect(replies.sent.map(({ delaySeconds }) => delaySeconds)).toEqual(delays);
    expect(new Set(replies.sent.map(({ reply }) => reply.trackingNumber)).size).toBeLessThanOrEqual(1);
  });

  it.each([
    [CARRIER_TEST_RECIPIENTS.silentOnce, 2],
    [CARRIER_TEST_RECIPIENTS.silentTwice, 3],
  ])('for the test recipient %s answers only from request %i on', async (name, first) => {
    const { replies, run } = carrier();
    await capturedLogs(() =>
      run([request('o1~a', name), request('o1~b', name, first - 1), request('o1~c', name, first)]),
    );
    expect(replies.sent.map(({ reply, delaySeconds }) => [reply.correlationId, delaySeconds])).toEqual([
      ['o1~c', 0],
    ]);
  });

  it('fails only the message that is no label request (it goes back to the queue, then to the DLQ)', async () => {
    const { replies, run } = carrier();
    const { result, lines } = await capturedLogs(() =>
      run(['not json', { ...request('o1~a'), replyTo: 'not a url' }, request('o1~b')]),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm0' }, { itemIdentifier: 'm1' }] });
    expect(replies.sent.map(({ reply }) => reply.correlationId)).toEqual(['o1~b']);
    expect(lines.filter((line) => line.message === 'label request not handled')).toHaveLength(2);
  });

  it('fails a message whose reply could not be sent, so that it is retried; a batch that all failed is thrown', async () => {
    const handler = labelRequestsConsumer({
      replies: {
        send: async (_, reply) => {
          if (reply.correlationId === 'o1~a') throw new Error('AccessDenied');
        },
      },
      slowReplyDelaySeconds: 8,
    });
    const run = (bodies: unknown[]) => capturedLogs(() => handler(sqsEvent(bodies), lambdaContext()));
    expect((await run([request('o1~a'), request('o1~b')])).result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm0' }],
    });
    await expect(run([request('o1~a')])).rejects.toThrow('All records failed processing');
  });
});
