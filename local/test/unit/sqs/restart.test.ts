import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { keepQueueMessagesIn, LocalSqs } from '../../../sqs';
import { systemAttributesOf } from '../../../sqs/stored-message';
import { ManualClock } from './sqs-test-kit';

/**
 * A restart of the local cloud under `--data-dir` is a new LocalSqs with the template's queues, whose
 * messages are read back from the same directory: what was queued is still there, with its receive
 * count, and what was in flight is visible again (its consumer went with the old process).
 */
let dir: string;
const clock = new ManualClock();
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqs-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The app's queues on a fresh LocalSqs, keeping their messages in `dir`. */
function startSqs(): LocalSqs {
  const sqs = new LocalSqs({ now: clock.now });
  sqs.createQueue('work-dlq');
  sqs.createQueue('work', {
    VisibilityTimeout: '30',
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:${sqs.accountId}:work-dlq`,
      maxReceiveCount: '2',
    }),
  });
  keepQueueMessagesIn(sqs, dir);
  return sqs;
}

const receiveOne = async (sqs: LocalSqs, queue: string) =>
  (await sqs.receive(queue, { maxMessages: 10 })).at(0);

it('gives back after a restart the messages not deleted, in-flight ones at once, with their receive counts', async () => {
  const before = startSqs();
  const kept = before.send('work', 'kept');
  before.send('work', 'done');
  const [first, second] = await before.receive('work', { maxMessages: 10 });
  expect(second?.message.body).toBe('done');
  before.deleteMessage('work', second?.receiptHandle ?? '');
  expect(first?.message.body).toBe('kept'); // in flight for 30 s when the cloud stops
  before.close();

  const after = startSqs();
  const again = await receiveOne(after, 'work');
  expect(again?.message).toMatchObject({
    messageId: kept.messageId,
    body: 'kept',
    md5OfBody: kept.md5OfBody,
  });
  expect(systemAttributesOf(again?.message ?? ({} as never)).ApproximateReceiveCount).toBe('2');
  expect(await receiveOne(after, 'work')).toBeUndefined();
  after.close();
});

it('still moves a poison message to its dead-letter queue at maxReceiveCount across restarts', async () => {
  const first = startSqs();
  first.send('work', 'poison');
  expect(await receiveOne(first, 'work')).toBeDefined(); // receive 1, then the cloud stops
  first.close();

  const second = startSqs();
  expect(await receiveOne(second, 'work')).toBeDefined(); // receive 2 (maxReceiveCount), stops again
  second.close();

  const third = startSqs();
  expect(await receiveOne(third, 'work')).toBeUndefined();
  expect((await receiveOne(third, 'work-dlq'))?.message.body).toBe('poison');
  third.close();
});
