import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { toStreamMapping } from '../../../dynamodb-streams';
import { ShardReader } from '../../../dynamodb-streams/shard-reader';
import { Sleeper } from '../../../dynamodb-streams/sleeper';
import { fakeLambda, idsOf, REGION } from './stream-test-kit';

/**
 * Iterators the Streams API refuses: expired ones, and ones pointing before the trim horizon (DynamoDB Local
 * answers TrimmedDataAccessException for an iterator taken on a shard that was still empty). A scripted
 * Streams client stands in for the service, since neither can be provoked on demand.
 */
function scriptedStreams(script: Array<'trimmed' | 'expired' | string[]>, refuseResume = false) {
  const requests: Array<{ command: string; input: Record<string, unknown> }> = [];
  const streams = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      requests.push({ command: command.constructor.name, input: command.input });
      if (command.constructor.name === 'GetShardIteratorCommand') {
        if (refuseResume && command.input.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER')
          throw new TrimmedDataAccessException({ message: 'checkpoint trimmed', $metadata: {} });
        return { ShardIterator: `it-${requests.length}` };
      }
      const step = script.shift() ?? [];
      if (step === 'trimmed')
        throw new TrimmedDataAccessException({ message: 'read past the oldest record', $metadata: {} });
      if (step === 'expired') throw new ExpiredIteratorException({ message: 'expired', $metadata: {} });
      return {
        NextShardIterator: 'next',
        Records: step.map((id, n) => ({
          eventID: id,
          eventName: 'INSERT',
          dynamodb: {
            Keys: { id: { S: id } },
            SequenceNumber: `${100 + n}`,
            SizeBytes: 10,
            StreamViewType: 'KEYS_ONLY',
          },
        })),
      };
    },
  };
  return { streams: streams as unknown as DynamoDBStreamsClient, requests };
}

function readerOf(
  streams: DynamoDBStreamsClient,
  resume: Pick<ConstructorParameters<typeof ShardReader>[0], 'resumeAfter' | 'onCheckpoint'> = {},
) {
  const lambda = fakeLambda();
  const sleeper = new Sleeper();
  const mapping = toStreamMapping('Test/Mapping', {
    EventSourceArn: `arn:aws:dynamodb:${REGION}:000000000000:table/t/stream/2026-01-01T00:00:00.000`,
    FunctionName: 'consumer',
    StartingPosition: 'TRIM_HORIZON',
  });
  const reader = new ShardReader({
    streams,
    streamArn: 'arn:stream',
    pollIntervalMs: 1,
    iteratorType: 'TRIM_HORIZON',
    ...resume,
    delivery: { mapping, lambda: lambda.service, shardId: 's-1', retryDelayMs: 1, sleeper, trace: () => {} },
  });
  return { reader, sleeper, lambda };
}

async function readUntil(reader: ShardReader, sleeper: Sleeper, done: () => boolean): Promise<void> {
  const running = reader.run();
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
  sleeper.stop();
  await running;
}

describe('ShardReader iterators', () => {
  it.each([
    ['trimmed', 'TRIM_HORIZON'],
    ['expired', 'TRIM_HORIZON'],
  ] as const)(
    'takes a new iterator after a %s one and reads on (%s when nothing was read yet)',
    async (failure, type) => {
      const { streams, requests } = scriptedStreams([failure, ['a', 'b']]);
      const { reader, sleeper, lambda } = readerOf(streams);
      await reader.open();
      await readUntil(reader, sleeper, () => lambda.calls.length > 0);
      expect(idsOf(lambda.calls[0])).toEqual(['a', 'b']);
      const iterators = requests.filter((r) => r.command === 'GetShardIteratorCommand');
      expect(iterators.map((r) => r.input.ShardIteratorType)).toEqual(['TRIM_HORIZON', type]);
    },
  );

  it('continues right after the last record read when a later iterator is refused', async () => {
    const { streams, requests } = scriptedStreams([['a'], 'trimmed', ['b']]);
    const { reader, sleeper, lambda } = readerOf(streams);
    await reader.open();
    await readUntil(reader, sleeper, () => lambda.calls.length > 1);
    expect(lambda.calls.map(idsOf)).toEqual([['a'], ['b']]);
    expect(requests.filter((r) => r.command === 'GetShardIteratorCommand').at(-1)?.input).toMatchObject({
      ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
      SequenceNumber: '100',
    });
  });

  it('reads from TRIM_HORIZON, skipping what the checkpoint covers, when resuming after it is refused', async () => {
    // The checkpoint is gone from the shard (trimmed, or the data replaced under it): by sequence number.
    const { streams, requests } = scriptedStreams([['old-1', 'old-2', 'new-1']], true);
    const checkpoints: string[] = [];
    const { reader, sleeper, lambda } = readerOf(streams, {
      resumeAfter: '101',
      onCheckpoint: (sequenceNumber) => checkpoints.push(sequenceNumber),
    });
    await reader.open();
    await readUntil(reader, sleeper, () => lambda.calls.length > 0);
    expect(lambda.calls.map(idsOf)).toEqual([['new-1']]);
    const iterators = requests.filter((r) => r.command === 'GetShardIteratorCommand');
    expect(iterators.map((r) => r.input.ShardIteratorType)).toEqual([
      'AFTER_SEQUENCE_NUMBER',
      'TRIM_HORIZON',
    ]);
    expect(checkpoints).toEqual(['102']);
  });
});
