import { ConsoleApi } from '../../../console/console-api';
import { ConsoleRoute } from '../../../console/console-route';
import { TraceRing } from '../../../console/trace-ring';
import { TraceStreams } from '../../../console/trace-stream';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import { openStream } from '../../helpers/sse-client';

/**
 * The timeline as server-sent events, read by a real HTTP client (fetch, its body read as it arrives):
 * records after a seq, resumed with Last-Event-ID, a record sent again once it gains a correlation id,
 * heartbeats, and every stream ended when the cloud stops.
 */
const ring = new TraceRing(100);
const streams = new TraceStreams(ring, 50);
const server = new EndpointServer({ services: [] });
server.addRoute(new ConsoleRoute(new ConsoleApi({ ring }), streams));
let url: string;
beforeAll(async () => {
  url = `${await server.listen(0, '127.0.0.1')}/_console/api/trace/stream`;
});
afterAll(async () => {
  streams.close();
  await server.close();
});

describe('the trace stream', () => {
  it('sends the records after `after`, then each new one as it is pushed, with its seq as id', async () => {
    const first = ring.push({ kind: 'log', line: 'log one' });
    ring.push({ kind: 'log', line: 'log two' });
    const stream = await openStream(`${url}?after=${first.seq}`);
    try {
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
      expect(await stream.nextRecord()).toEqual({
        id: String(first.seq + 1),
        record: expect.objectContaining({ line: 'log two' }),
      });
      const pushed = ring.push({
        kind: 'request',
        line: 'api      x: ...',
        method: 'POST',
        correlationId: 'c',
      });
      expect(await stream.nextRecord()).toEqual({
        id: String(pushed.seq),
        record: expect.objectContaining({ kind: 'request', method: 'POST', correlationId: 'c' }),
      });
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID, as a reconnecting EventSource asks', async () => {
    const before = ring.push({ kind: 'log', line: 'seen' });
    ring.push({ kind: 'log', line: 'missed' });
    const stream = await openStream(`${url}?after=0`, { 'Last-Event-ID': String(before.seq) });
    try {
      expect((await stream.nextRecord()).record).toMatchObject({ line: 'missed' });
    } finally {
      stream.close();
    }
  });

  it('starts from the beginning when the client has seen more than this ring holds (the cloud restarted)', async () => {
    const stream = await openStream(`${url}?after=0`, { 'Last-Event-ID': String(ring.lastSeq + 1000) });
    try {
      expect((await stream.nextRecord()).id).toBe('1');
    } finally {
      stream.close();
    }
  });

  it('sends a record again, without an id, once it gains a correlation id', async () => {
    const stream = await openStream(`${url}?after=${ring.lastSeq}`);
    try {
      // As tracedLambda does: the start is named by the end, right after the end is pushed.
      const started = ring.push({ kind: 'lambda', line: 'lambda   -> fn (sync)' });
      ring.push({ kind: 'lambda', line: 'lambda   <- fn ok in 1 ms', correlationId: 'late' });
      started.correlationId = 'late';
      const received = [await stream.nextRecord(), await stream.nextRecord()];
      // Sent after the pushing tick: the start already carries the id the first time.
      expect(received.map((r) => [r.id, r.record.correlationId])).toEqual([
        [String(started.seq), 'late'],
        [String(started.seq + 1), 'late'],
      ]);
      const unnamed = ring.push({ kind: 'lambda', line: 'lambda   -> fn (async, queued)' });
      expect((await stream.nextRecord()).record.correlationId).toBeUndefined();
      unnamed.correlationId = 'later';
      ring.push({ kind: 'log', line: 'log after' });
      expect(await stream.nextRecord()).toEqual({
        id: undefined,
        record: expect.objectContaining({ seq: unnamed.seq, correlationId: 'later' }),
      });
    } finally {
      stream.close();
    }
  });

  it('beats while nothing happens, and ends when the cloud stops', async () => {
    const stream = await openStream(`${url}?after=${ring.lastSeq}`);
    expect(await stream.next()).toEqual({ comment: 'heartbeat' });
    streams.close();
    expect(await stream.next()).toBe('ended');
  });
});
