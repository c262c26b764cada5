import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { dynamoDbOrderRepository } from '../lambdas/orders/adapters/dynamodb-order-repository';
import { HttpCustomerDirectory } from '../lambdas/orders/adapters/http-customer-directory';
import { IDEMPOTENCY_KEY_HEADER, placeOrderHandler } from '../lambdas/orders/handlers/place-order-handler';
import { documentClient, SDK_TIMEOUTS } from '../lambdas/shared/aws/clients';
import { signedFetch } from '../lambdas/shared/http/signed-fetch';
import { logger } from '../lambdas/shared/logger';
import { SAMPLE_ORDER } from '../test/fixtures/orders';
import { apiEvent } from '../test/helpers/api-gateway-event';
import { localCallbacks } from '../test/helpers/callback-settings';
import { type CustomersApi, startCustomersApi } from '../test/helpers/customers-api';
import {
  createTables,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '../test/helpers/dynamodb-local';
import { type BenchFunction, type CfnTemplate, isRef, resolveEnvironment } from './assembly';
import { lambdaContext, TABLE_PREFIX } from './lambda-runtime';

/**
 * One call the handler made, in order: a DynamoDB operation (retries of the same operation are not
 * counted), or a request to another service's API (the customers lookup).
 */
export interface DynamoDbCall {
  /** The API operation: `PutItem`, not the document client's `Put`; `GET` for an HTTP request. */
  readonly command: string;
  /**
   * Tables by role (`idempotency`, `event store`), from the environment variable that names them; for an
   * HTTP request, the API (`customers API`).
   */
  readonly tables: readonly string[];
  /** `ok`, or the error's name, e.g. `ConditionalCheckFailedException`. */
  readonly outcome: string;
}

export interface RequestCalls {
  readonly statusCode: number;
  readonly orderId: string | undefined;
  readonly calls: readonly DynamoDbCall[];
  /** The response body when the status is not the expected 202, so a broken run explains itself. */
  readonly unexpectedBody?: string;
}

export interface DynamoDbCallsReport {
  readonly handler: string;
  readonly first: RequestCalls;
  /** The same Idempotency-Key and body again: answered from the idempotency record. */
  readonly duplicate: RequestCalls;
  readonly sameOrderId: boolean;
}

/**
 * Invokes the real place-order handler (the function the bundle exports, built from the same factory)
 * against DynamoDB Local with the stack's own table definitions, and records every DynamoDB call it makes
 * for a new order and for its duplicate, with its signed lookup of the customer through the customers
 * internal API (the local API Gateway's IAM check in front of the real get-customer handler).
 */
export async function measurePlaceOrderCalls(
  fn: BenchFunction,
  template: CfnTemplate,
): Promise<DynamoDbCallsReport> {
  // The handler's JSON log lines would interleave with the report; failures still show in the status.
  logger.setLogLevel('SILENT');
  const local = await startDynamoDbLocal();
  let client: DynamoDBClient | undefined;
  let customersApi: CustomersApi | undefined;
  try {
    customersApi = await startCustomersApi(local.client, TABLE_PREFIX);
    await customersApi.ensureCustomer(SAMPLE_ORDER.customerId);
    const tables = await createTables(local.client, template, TABLE_PREFIX);
    const environment = resolveEnvironment(fn, (logicalId) => {
      const name = tables[logicalId];
      if (name !== undefined) return name;
      // Another kind of resource (the callback signing key's secret): nothing these calls read.
      const type = template.Resources?.[logicalId]?.Type;
      if (type === undefined || /DynamoDB/.test(type))
        throw new Error(`${fn.name} refers to ${logicalId}, which is not a table here.`);
      return `bench-placeholder-${logicalId}`;
    });

    // Configured like lambdas/shared/aws/clients.ts dynamoDbClient(), pointed at DynamoDB Local.
    client = new DynamoDBClient({
      endpoint: local.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: SDK_TIMEOUTS.maxAttempts,
      requestHandler: {
        connectionTimeout: SDK_TIMEOUTS.connectionTimeoutMs,
        requestTimeout: SDK_TIMEOUTS.requestTimeoutMs,
      },
    });
    const calls = countCalls(client, tableRoles(fn, environment));
    const handler = placeOrderHandler({
      callbacks: localCallbacks,
      orders: dynamoDbOrderRepository(
        documentClient(client),
        {
          eventStoreTable: required(environment, 'EVENT_STORE_TABLE_NAME'),
          snapshotsTable: required(environment, 'SNAPSHOTS_TABLE_NAME'),
          snapshotEvery: Number(required(environment, 'SNAPSHOT_EVERY')),
        },
        { writeSnapshots: false },
      ).orders,
      customers: new HttpCustomerDirectory(
        customersApi.url,
        Number(required(environment, 'CUSTOMERS_API_TIMEOUT_MS')),
        countHttpCalls(
          signedFetch({ region: LOCAL_REGION, credentials: async () => LOCAL_CREDENTIALS }),
          calls,
        ),
      ),
      idempotency: { client, tableName: required(environment, 'IDEMPOTENCY_TABLE_NAME') },
      now: () => new Date(),
      newId: randomUUID,
    });

    const idempotencyKey = randomUUID();
    // A client retry: a new request (new request id, new context), the same key and the same body.
    const invoke = async (): Promise<RequestCalls> => {
      calls.length = 0;
      const result = await handler(
        apiEvent({
          method: 'POST',
          resource: '/orders',
          headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
          body: JSON.stringify(SAMPLE_ORDER),
        }),
        lambdaContext(fn),
      );
      return toRequestCalls(result, [...calls]);
    };
    const first = await invoke();
    const duplicate = await invoke();
    return {
      handler: fn.name,
      first,
      duplicate,
      sameOrderId: first.orderId !== undefined && first.orderId === duplicate.orderId,
    };
  } finally {
    client?.destroy();
    await customersApi?.stop();
    await local.stop();
  }
}

/** Records each request to the customers API among the handler's calls, in order. */
function countHttpCalls(send: typeof fetch, calls: MutableCall[]): typeof fetch {
  return async (input, init) => {
    const call: MutableCall = {
      command: init?.method ?? 'GET',
      tables: ['customers API'],
      outcome: 'pending',
    };
    calls.push(call);
    try {
      const response = await send(input, init);
      call.outcome = response.ok ? 'ok' : `HTTP ${response.status}`;
      return response;
    } catch (error) {
      call.outcome = error instanceof Error ? error.name : String(error);
      throw error;
    }
  };
}

interface MutableCall {
  command: string;
  tables: string[];
  outcome: string;
}

/**
 * Adds a middleware at the `initialize` step, which runs once per operation, before retries (those live in
 * `finalizeRequest`). The document client shares this client's middleware stack, so its calls count too.
 */
function countCalls(client: DynamoDBClient, tableRoles: ReadonlyMap<string, string>): MutableCall[] {
  const calls: MutableCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call: MutableCall = {
        command: (context.commandName ?? 'Unknown').replace(/Command$/, ''),
        tables: tableNamesIn(args.input).map((name) => tableRoles.get(name) ?? name),
        outcome: 'pending',
      };
      calls.push(call);
      try {
        const output = await next(args);
        call.outcome = 'ok';
        return output;
      } catch (error) {
        call.outcome = error instanceof Error ? error.name : String(error);
        throw error;
      }
    },
    { step: 'initialize', name: 'benchDynamoDbCallCounter' },
  );
  return calls;
}

/** The tables an operation touches: `TableName`, or those inside a transaction or batch. */
function tableNamesIn(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const { TableName, TransactItems, RequestItems } = input as {
    TableName?: unknown;
    TransactItems?: unknown;
    RequestItems?: unknown;
  };
  if (typeof TableName === 'string') return [TableName];
  if (Array.isArray(TransactItems)) {
    return TransactItems.flatMap((item: Record<string, unknown>) =>
      Object.values(item).flatMap(tableNamesIn),
    );
  }
  if (typeof RequestItems === 'object' && RequestItems !== null) return Object.keys(RequestItems);
  return [];
}

/** `EVENT_STORE_TABLE_NAME` → `event store`: the role a table plays for this function. */
function tableRoles(fn: BenchFunction, environment: Readonly<Record<string, string>>): Map<string, string> {
  const roles = new Map<string, string>();
  for (const [key, value] of Object.entries(fn.environment)) {
    const name = environment[key];
    if (isRef(value) && name !== undefined) {
      roles.set(
        name,
        key
          .replace(/_TABLE_NAME$/, '')
          .toLowerCase()
          .replaceAll('_', ' '),
      );
    }
  }
  return roles;
}

function required(environment: Readonly<Record<string, string>>, key: string): string {
  const value = environment[key];
  if (value === undefined) throw new Error(`The place-order function has no ${key} in its environment.`);
  return value;
}

function toRequestCalls(result: APIGatewayProxyResult, calls: DynamoDbCall[]): RequestCalls {
  const body = parseBody(result.body);
  const orderId = typeof body?.orderId === 'string' ? body.orderId : undefined;
  return {
    statusCode: result.statusCode,
    orderId,
    calls,
    ...(result.statusCode === 202 ? {} : { unexpectedBody: result.body }),
  };
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
