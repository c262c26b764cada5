import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CfnTemplate, compileEventPattern, matches } from '@shop/local-cloud';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { inventoryConsumer } from '../../lambdas/inventory/handlers/choreography';
import type { InventoryStore } from '../../lambdas/inventory/ports/inventory-store';
import { ordersConsumer } from '../../lambdas/orders/handlers/choreography';
import type { SagaTaskDeps } from '../../lambdas/orders/handlers/saga-tasks';
import type { StoredEvent } from '../../lambdas/orders/ports/event-store';
import { toDomainEvent } from '../../lambdas/orders/use-cases/publish-order-events';
import { paymentsConsumer } from '../../lambdas/payments/handlers/choreography';
import type { ChoreographedPaymentsDeps } from '../../lambdas/payments/use-cases/charge-when-ready';
import { DynamoDbOrderFacts } from '../../lambdas/shared/aws/dynamodb-order-facts';
import type { DomainEvent } from '../../lambdas/shared/events/domain-event-bus';
import type { OutboxItem } from '../../lambdas/shared/outbox/outbox';
import { shippingConsumer } from '../../lambdas/shipping/handlers/choreography';
import type { ShipmentsStore } from '../../lambdas/shipping/ports/shipments-store';
import { STAGES } from '../../lib/config/stage-config';
import { lambdaContext } from '../helpers/api-gateway-event';
import { tableNamed } from '../helpers/dynamodb-local';
import { scanAll } from '../helpers/outbox';

export type Consumer = 'orders' | 'inventory' | 'payments' | 'shipping';

/** One message on a consumer's queue: the EventBridge event a rule put there, and how often it came. */
export interface Delivery {
  readonly consumer: Consumer;
  readonly body: string;
  readonly type: string;
  readonly attempt: number;
}

/**
 * The choreographed saga's bus, in the test's hands. What every service wrote (orders' EventStore, the
 * three Outbox tables) is read as the relays would publish it, routed by the synthesized rules' own
 * patterns (the local cloud's EventBridge matcher) to the queue each targets, and held as deliveries
 * that the test hands to the real consumers (their handlers, Powertools batch processing and idempotency on
 * DynamoDB Local) in any order, as often as it likes. A delivery that fails comes back with its receive
 * count raised, as SQS brings it back.
 */
export interface ChoreographyBus {
  /** Reads what was published since, and queues a delivery per matching rule. */
  collect(): Promise<void>;
  readonly pending: Delivery[];
  /** Hands one pending delivery to its consumer; `again` keeps a copy queued (a duplicate delivery). */
  deliver(index: number, options?: { again?: boolean }): Promise<void>;
  /** Forgets a consumer's idempotency records, as their expiry would: only the operations' own idempotency is left. */
  forget(consumer: Consumer): Promise<void>;
  /** Every event published so far, by type, for one order. */
  publishedFor(orderId: string): Promise<string[]>;
}

export interface ChoreographyBusDeps {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: Record<string, string>;
  /** The templates of the stacks whose rules route the choreography, with each consumer's queue id. */
  readonly stacks: ReadonlyArray<{
    readonly template: CfnTemplate;
    readonly queues: Record<string, Consumer>;
  }>;
  readonly inventory: InventoryStore;
  readonly shipments: ShipmentsStore;
  readonly payments: Omit<ChoreographedPaymentsDeps, 'terms'>;
  readonly orders: SagaTaskDeps;
}

export function choreographyBus(deps: ChoreographyBusDeps): ChoreographyBus {
  const idempotencyTables: Record<Consumer, string> = {
    orders: tableNamed(deps.tables, 'OrdersChoreographyIdempotency'),
    inventory: tableNamed(deps.tables, 'InventoryChoreographyIdempotency'),
    payments: tableNamed(deps.tables, 'PaymentsChoreographyIdempotency'),
    shipping: tableNamed(deps.tables, 'ShippingChoreographyIdempotency'),
  };
  const idempotency = (consumer: Consumer) => ({
    client: deps.client,
    tableName: idempotencyTables[consumer],
    keyPrefix: `${consumer}-choreography`,
  });
  const facts = (prefix: string) => new DynamoDbOrderFacts(deps.documents, tableNamed(deps.tables, prefix));
  const handlers: Record<Consumer, (event: SQSEvent, context: never) => Promise<SQSBatchResponse>> = {
    orders: ordersConsumer(deps.orders, idempotency('orders')),
    inventory: inventoryConsumer({ inventory: deps.inventory }, idempotency('inventory')),
    payments: paymentsConsumer(
      { ...deps.payments, terms: facts('PaymentsChoreographyFacts') },
      { chargeAttempts: STAGES.local.choreography.chargeAttempts },
      idempotency('payments'),
    ),
    shipping: shippingConsumer(
      { shipments: deps.shipments, terms: facts('ShippingChoreographyFacts') },
      idempotency('shipping'),
    ),
  };
  const rules = deps.stacks.flatMap(({ template, queues }) =>
    Object.values(template.Resources ?? {}).flatMap((resource) => {
      if (resource.Type !== 'AWS::Events::Rule' || resource.Properties?.EventPattern === undefined) return [];
      const targets = resource.Properties.Targets as Array<{ Arn: { 'Fn::GetAtt'?: [string, string] } }>;
      const consumer = queues[targets[0]?.Arn['Fn::GetAtt']?.[0] ?? ''];
      return consumer === undefined
        ? []
        : [{ pattern: compileEventPattern(resource.Properties.EventPattern as object), consumer }];
    }),
  );
  const seen = new Set<string>();
  const pending: Delivery[] = [];
  const published: Array<{ orderId: string; type: string }> = [];

  const scan = (tableName: string) => scanAll(deps.documents, tableName);
  const publishedEvents = async (): Promise<DomainEvent[]> => {
    const stored = (await scan(tableNamed(deps.tables, 'OrdersEventStore'))) as unknown as StoredEvent[];
    const outboxes = await Promise.all(
      ['InventoryEventsOutbox', 'PaymentsEventsOutbox', 'ShippingEventsOutbox'].map((prefix) =>
        scan(tableNamed(deps.tables, prefix)),
      ),
    );
    return [
      ...stored.map(toDomainEvent),
      ...(outboxes.flat() as unknown as OutboxItem[]).map(({ source, detailType, detail }) => ({
        source,
        detailType,
        detail,
      })),
    ];
  };

  return {
    pending,
    async collect() {
      for (const event of await publishedEvents()) {
        const { eventId } = event.detail.metadata;
        if (seen.has(eventId)) continue;
        seen.add(eventId);
        const data = event.detail.data as { orderId?: string };
        published.push({ orderId: data.orderId ?? '', type: event.detailType });
        const busEvent = {
          version: '0',
          id: randomUUID(),
          'detail-type': event.detailType,
          source: event.source,
          account: '000000000000',
          time: event.detail.metadata.occurredAt,
          region: 'us-east-1',
          resources: [],
          detail: event.detail,
        };
        for (const { pattern, consumer } of rules) {
          if (matches(pattern, busEvent)) {
            pending.push({ consumer, body: JSON.stringify(busEvent), type: event.detailType, attempt: 1 });
          }
        }
      }
    },
    async deliver(index, options = {}) {
      const [delivery] = options.again ? [pending[index]] : pending.splice(index, 1);
      if (delivery === undefined) throw new Error(`No pending delivery ${index}`);
      const record = {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: delivery.body,
        attributes: { ApproximateReceiveCount: String(delivery.attempt) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${delivery.consumer}`,
        awsRegion: 'us-east-1',
      };
      const failed = await handlers[delivery.consumer](
        { Records: [record as never] },
        lambdaContext(`${delivery.consumer}-consumer`) as never,
      )
        .then((response) => response.batchItemFailures.length > 0)
        .catch(() => true);
      if (failed) pending.push({ ...delivery, attempt: delivery.attempt + 1 });
    },
    async forget(consumer) {
      const tableName = idempotencyTables[consumer];
      for (const item of await scan(tableName)) {
        await deps.documents.send(new DeleteCommand({ TableName: tableName, Key: { id: item.id } }));
      }
    },
    async publishedFor(orderId) {
      return published.filter((event) => event.orderId === orderId).map(({ type }) => type);
    },
  };
}
