import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EndpointServer } from '../../../endpoint/endpoint-server';
import { CREDENTIALS, fixtureFunction, lambdaServices, REGION } from '../lambda/lambda-test-kit';

jest.setTimeout(15_000);
const service = lambdaServices();
let server: EndpointServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function endpointWithSleeper(): Promise<{ url: string; client: LambdaClient }> {
  const lambda = service({}, fixtureFunction('sleeper.handler', { name: 'sleeper' }));
  server = new EndpointServer({ services: [], lambda });
  const url = await server.listen(0);
  return { url, client: new LambdaClient({ endpoint: url, region: REGION, credentials: CREDENTIALS }) };
}

const arm = (url: string, body: unknown) =>
  fetch(`${url}/_local/lambda/crashes`, { method: 'POST', body: JSON.stringify(body) });

describe('the crash hook on the local endpoint', () => {
  it("arms a real crash of a function's next invocation, which the SDK's Invoke sees as Runtime.ExitError", async () => {
    const { url, client } = await endpointWithSleeper();

    const armed = await arm(url, { functionName: 'sleeper', times: 1, afterMs: 50 });
    expect(armed.status).toBe(200);
    expect(await armed.json()).toEqual({ functionName: 'sleeper', times: 1, afterMs: 50, delayMs: 0 });

    const crashed = await client.send(
      new InvokeCommand({ FunctionName: 'sleeper', Payload: JSON.stringify({ ms: 2_000 }) }),
    );
    expect(crashed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(crashed.Payload ?? []).toString())).toMatchObject({
      errorType: 'Runtime.ExitError',
    });
    const next = await client.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: '{"ms":0}' }));
    expect(next.FunctionError).toBeUndefined();
  });

  it("arms one caller's invocations only, by a text their event contains", async () => {
    const { url, client } = await endpointWithSleeper();
    const armed = await arm(url, { functionName: 'sleeper', payloadContains: 'order-1' });
    expect(await armed.json()).toEqual({
      functionName: 'sleeper',
      times: 1,
      afterMs: 0,
      delayMs: 0,
      payloadContains: 'order-1',
    });
    const invoke = async (order: string) =>
      (
        await client.send(
          new InvokeCommand({ FunctionName: 'sleeper', Payload: JSON.stringify({ ms: 0, order }) }),
        )
      ).FunctionError;
    expect(await invoke('order-2')).toBeUndefined();
    expect(await invoke('order-1')).toBe('Unhandled');
    expect(await invoke('order-1')).toBeUndefined();
  });

  it('disarms everything with DELETE', async () => {
    const { url, client } = await endpointWithSleeper();
    await arm(url, { functionName: 'sleeper', times: 3 });
    expect((await fetch(`${url}/_local/lambda/crashes`, { method: 'DELETE' })).status).toBe(204);
    const answer = await client.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: '{"ms":0}' }));
    expect(answer.FunctionError).toBeUndefined();
  });

  it('refuses an unknown function (404) and a malformed plan (400)', async () => {
    const { url } = await endpointWithSleeper();
    expect((await arm(url, { functionName: 'nope' })).status).toBe(404);
    expect((await arm(url, { times: 1 })).status).toBe(400);
    expect((await arm(url, { functionName: 'sleeper', times: 'twice' })).status).toBe(400);
    expect((await arm(url, { functionName: 'sleeper', times: -2 })).status).toBe(400);
    expect((await arm(url, { functionName: 'sleeper', payloadContains: 7 })).status).toBe(400);
    expect((await arm(url, { functionName: 'sleeper', payloadContains: '' })).status).toBe(400);
  });
});
