import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record, DynamoDBStreamsClient, Shard } from '@aws-sdk/client-dynamodb-streams';
import { toStreamMapping } from '../../../dynamodb-streams';
import { Sleeper } from '../../../dynamodb-streams/sleeper';
import { StreamPoller } from '../../../dynamodb-streams/stream-poller';
import { fakeLambda, idsOf } from './stream-test-kit';

// DynamoDB Local never splits a shard within a test's time, so lineage is tested against a scripted
// Streams API: a closed parent, its open child, and a shard that appears later.
const STREAM = 'arn:aws:dynamodb:ddblocal:000000000000:table/T/stream/real';

const record = (id: string, sequence: number): _Record => ({
  eventID: `e-${id}`,
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    ApproximateCreationDateTime: new Date(),
    Keys: { id: { S: id } },
    NewImage: { id: { S: id } },
    SequenceNumber: String(sequence),
    SizeBytes: 10,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
});

/** Pages per shard: each GetRecords returns the next page; after the last, a closed shard ends. */
function scriptedStreams(shardsOverTime: Shard[][], pages: Record<string, _Record[][]>, closed: Set<string>) {
  const log: string[] = [];
  let describes = 0;
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const input = command.input;
    switch (command.constructor.name) {
      case 'DescribeTableCommand':
        return { Table: { LatestStreamArn: STREAM, StreamSpecification: { StreamEnabled: true } } };
      case 'DescribeStreamCommand': {
        const shards = shardsOverTime[Math.min(describes, shardsOverTime.length - 1)];
        describes += 1;
        return { StreamDescription: { Shards: shards } };
      }
      case 'GetShardIteratorCommand':
        log.push(`iterator ${String(input.ShardId)} ${String(input.ShardIteratorType)}`);
        return { ShardIterator: `${String(input.ShardId)}|0` };
      case 'GetRecordsCommand': {
        const [shardId = '', page = '0'] = String(input.ShardIterator).split('|');
        const all = pages[shardId] ?? [];
        const index = Number(page);
        log.push(`records ${shardId} ${index}`);
        // The parent answers slowly, so a child that did not wait for it would show in the log.
        if (shardId === 'parent') await new Promise((resolve) => setTimeout(resolve, 30));
        const last = index >= all.length - 1;
        return {
          Records: all[index] ?? [],
          NextShardIterator:
            last && closed.has(shardId) ? undefined : `${shardId}|${Math.min(index + 1, all.length)}`,
        };
      }
      default:
        throw new Error(`unexpected ${command.constructor.name}`);
    }
  };
  return { log, client: { send } as unknown as DynamoDBStreamsClient & DynamoDBClient };
}

describe('shard lineage', () => {
  it('reads a child only after its parent is finished, and picks up shards that appear later', async () => {
    const parent: Shard = {
      ShardId: 'parent',
      SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '2' },
    };
    const child: Shard = {
      ShardId: 'child',
      ParentShardId: 'parent',
      SequenceNumberRange: { StartingSequenceNumber: '3' },
    };
    const later: Shard = { ShardId: 'later', SequenceNumberRange: { StartingSequenceNumber: '10' } };
    const streams = scriptedStreams(
      [
        [parent, child],
        [parent, child, later],
      ],
      {
        parent: [[record('p1', 1)], [record('p2', 2)]],
        child: [[record('c1', 3)], []],
        later: [[record('l1', 10)], []],
      },
      new Set(['parent']),
    );
    const lambda = fakeLambda();
    const sleeper = new Sleeper();
    const trace: string[] = [];
    const poller = new StreamPoller({
      mapping: toStreamMapping('M', {
        EventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/label',
        FunctionName: 'f',
        StartingPosition: 'TRIM_HORIZON',
      }),
      lambda: lambda.service,
      dynamodb: streams.client,
      streams: streams.client,
      sleeper,
      onTrace: (line) => trace.push(line),
      pollIntervalMs: 5,
      describeIntervalMs: 20,
      retryDelayMs: 5,
    });
    await poller.start();
    const since = Date.now();
    while (!poller.drainedSince(since)) await new Promise((resolve) => setTimeout(resolve, 5));
    sleeper.stop();
    await poller.stopped();

    const delivered = lambda.calls.flatMap(idsOf);
    expect(delivered.filter((id) => id !== 'l1')).toEqual(['p1', 'p2', 'c1']);
    expect(delivered).toContain('l1');
    // The child's iterator is taken only after the parent's last page was read.
    expect(streams.log.indexOf('iterator child TRIM_HORIZON')).toBeGreaterThan(
      streams.log.indexOf('records parent 1'),
    );
    expect(trace).toContain('stream T shard parent -> f: shard finished');
    // The parent's last record was delivered before the child's first.
    expect(lambda.calls.findIndex((event) => idsOf(event).includes('p2'))).toBeLessThan(
      lambda.calls.findIndex((event) => idsOf(event).includes('c1')),
    );
  });
});
