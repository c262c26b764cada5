import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CREDENTIALS,
  failureOf,
  fixtureFunction,
  lambdaServices,
  payloadOf,
  REGION,
} from './lambda-test-kit';

// Generous: every test starts Node processes, and a loaded 2-core machine can make that slow.
jest.setTimeout(15_000);
const service = lambdaServices();

/** Stands in for the local endpoint: answers DynamoDB's ListTables and remembers who asked. */
let endpoint: Server;
let endpointUrl: string;
const requests: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  endpoint = createServer((request, response) => {
    requests.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ TableNames: ['local-table'] }));
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => endpoint.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
});

interface ListTablesAnswer {
  readonly TableNames: string[];
  readonly endpoint: string;
  readonly region: string;
}

describe('the SDK the runtime provides', () => {
  it.each(['sdk/v2-list-tables.handler', 'sdk/v2-list-tables-esm.handler'])(
    '%s: nodejs16.x provides SDK v2, pointed at the local endpoint',
    async (handler) => {
      const definition = fixtureFunction(handler, { runtime: 'nodejs16.x' });
      const lambda = service({ endpointUrl }, definition);

      const answer = payloadOf<ListTablesAnswer>(await lambda.invoke(definition.name, {}));

      expect(answer).toEqual({ TableNames: ['local-table'], endpoint: `${endpointUrl}/`, region: REGION });
      expect(requests).toHaveLength(1);
      expect(requests[0]?.['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
      // Signed with the function's credentials from its environment, for the local region.
      expect(requests[0]?.authorization).toContain(`Credential=${CREDENTIALS.accessKeyId}/`);
      expect(requests[0]?.authorization).toContain(`/${REGION}/dynamodb/aws4_request`);
    },
  );

  it('nodejs18.x and later provide no SDK v2, although one sits in the node_modules above the code', async () => {
    const definition = fixtureFunction('sdk/requires-v2.handler', { runtime: 'nodejs18.x' });
    const lambda = service({ endpointUrl }, definition);

    const failure = failureOf(await lambda.invoke(definition.name, {}));

    expect(failure.payload.errorType).toBe('Runtime.ImportModuleError');
    expect(failure.payload.errorMessage).toMatch(/Cannot find module 'aws-sdk'/);
  });

  it('nodejs16.x provides no SDK v3', async () => {
    const definition = fixtureFunction('sdk/imports-v3.handler', { runtime: 'nodejs16.x' });
    const lambda = service({ endpointUrl }, definition);

    const failure = failureOf(await lambda.invoke(definition.name, {}));

    expect(failure.payload.errorType).toBe('Runtime.ImportModuleError');
    expect(failure.payload.errorMessage).toMatch(/Cannot find package '@aws-sdk\/client-sqs'/);
  });
});
