import { endpointInput } from '../../../cloud/endpoint-trace';
import { TraceRing } from '../../../console/trace-ring';
import { traceSink } from '../../../console/trace-sink';
import type { AwsJsonService } from '../../../endpoint/aws-json-service';
import { EndpointServer } from '../../../endpoint/endpoint-server';

/**
 * A call to the local AWS endpoint on the console's timeline: an `endpoint` record with its operation,
 * in the group of the correlation id its body carries; the `--trace` line as it always was.
 */
const events: AwsJsonService = {
  targetPrefix: 'AWSEvents',
  jsonVersion: '1.1',
  requiresSignature: (operation) => operation === 'Signed',
  handle: async () => ({}),
};

let server: EndpointServer;
let url: string;
const printed: string[] = [];
const ring = new TraceRing(20);
beforeAll(async () => {
  const record = traceSink((line) => printed.push(line), ring);
  if (!record) throw new Error('no sink');
  server = new EndpointServer({
    services: [events],
    onTrace: (line, call) => record(endpointInput(line, call)),
  });
  url = await server.listen(0);
});
afterAll(() => server.close());

const call = async (operation: string, body: string) =>
  (
    await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Target': `AWSEvents.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' },
      body,
    })
  ).status;

describe('an endpoint call on the timeline', () => {
  it("records the operation and the correlation id in the call's body", async () => {
    const detail = JSON.stringify({ metadata: { correlationId: 'c-7' } });
    expect(await call('PutEvents', JSON.stringify({ Entries: [{ Detail: detail }] }))).toBe(200);
    expect(printed.at(-1)).toBe('endpoint AWSEvents.PutEvents');
    expect(ring.after(ring.lastSeq - 1)).toEqual([
      expect.objectContaining({ kind: 'endpoint', operation: 'AWSEvents.PutEvents', correlationId: 'c-7' }),
    ]);
  });

  it('records a malformed body without a correlation id, and still answers it as before', async () => {
    expect(await call('PutEvents', '{"correlationId": ')).toBe(400);
    const [record] = ring.after(ring.lastSeq - 1);
    expect(record).toMatchObject({ kind: 'endpoint', line: 'endpoint AWSEvents.PutEvents' });
    expect(record?.correlationId).toBeUndefined();
  });

  it('traces a refused unsigned call as before', async () => {
    expect(await call('Signed', '{}')).toBe(400);
    expect(printed.at(-1)).toBe('endpoint AWSEvents.Signed');
  });
});
