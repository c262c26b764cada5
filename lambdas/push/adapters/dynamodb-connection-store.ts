import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../../shared/aws/query-all';
import { type Connection, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../domain/connection';
import { type DeliveryDecision, deliveryDecision } from '../domain/delivery';
import type {
  ConnectionStore,
  Lease,
  SubscribeOutcome,
  Subscription,
  SubscriptionKey,
} from '../ports/connection-store';

/**
 * The Connections table (partition key `pk`, sort key `sk`, TTL `expiresAt`), two kinds of item:
 * - a connection: `connection#<id>` / `connection`, with its customer and the orders it watches (a set,
 *   so that closing it finds every subscription without an index);
 * - a subscription: `order#<orderId>` / `connection#<id>`, so an order's subscribers are one consistent
 *   Query, with the delivery state (`sentVersion`, and `leaseId`/`leaseUntil` while a sender posts).
 * Both expire with the connection (two hours); a query skips what has expired but TTL has not yet removed.
 */
const connectionKey = (connectionId: string) => ({ pk: `connection#${connectionId}`, sk: 'connection' });
const subscriptionKey = ({ orderId, connectionId }: SubscriptionKey) => ({
  pk: `order#${orderId}`,
  sk: `connection#${connectionId}`,
});

export class DynamoDbConnectionStore implements ConnectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async open(connection: Connection): Promise<void> {
    const { orderIds: _, ...item } = connection;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...connectionKey(connection.connectionId), ...item },
      }),
    );
  }

  async connection(connectionId: string): Promise<Connection | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: connectionKey(connectionId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : toConnection(Item);
  }

  async subscribe(connection: Connection, orderId: string): Promise<SubscribeOutcome> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: connectionKey(connection.connectionId),
          UpdateExpression: 'ADD orderIds :orderIds',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(orderIds) OR contains(orderIds, :orderId) OR size(orderIds) < :max)',
          ExpressionAttributeValues: {
            ':orderIds': new Set([orderId]),
            ':orderId': orderId,
            ':max': MAX_SUBSCRIPTIONS_PER_CONNECTION,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return error.Item ? 'too-many' : 'no-connection';
      throw error;
    }
    // A second subscribe keeps what was delivered: only the version order's start is set once.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: subscriptionKey({ orderId, connectionId: connection.connectionId }),
        UpdateExpression:
          'SET orderId = :orderId, connectionId = :connectionId, customerId = :customerId, expiresAt = :expiresAt, sentVersion = if_not_exists(sentVersion, :none)',
        ExpressionAttributeValues: {
          ':orderId': orderId,
          ':connectionId': connection.connectionId,
          ':customerId': connection.customerId,
          ':expiresAt': connection.expiresAt,
          ':none': 0,
        },
      }),
    );
    return 'subscribed';
  }

  async subscribers(orderId: string, now: Date): Promise<Subscription[]> {
    return (await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'expiresAt > :now',
      ExpressionAttributeValues: { ':pk': `order#${orderId}`, ':now': Math.floor(now.getTime() / 1000) },
      ProjectionExpression: 'orderId, connectionId, customerId',
      ConsistentRead: true,
    })) as Subscription[];
  }

  async claim(key: SubscriptionKey, version: number, lease: Lease, now: number): Promise<DeliveryDecision> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: subscriptionKey(key),
          UpdateExpression: 'SET leaseId = :leaseId, leaseUntil = :until',
          // deliveryDecision's 'send', as one atomic condition.
          ConditionExpression:
            'attribute_exists(pk) AND sentVersion < :version AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeValues: {
            ':leaseId': lease.id,
            ':until': lease.until,
            ':version': version,
            ':now': now,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'send';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The document client leaves an error's item marshalled.
      const state = error.Item === undefined ? undefined : toDeliveryState(unmarshall(error.Item));
      const decision = deliveryDecision(state, version, now);
      // Refused although the item read back allows it: it changed in between; ask again.
      return decision === 'send' ? 'busy' : decision;
    }
  }

  async delivered(key: SubscriptionKey, version: number, leaseId: string): Promise<void> {
    await this.whileLeased(key, leaseId, 'SET sentVersion = :version REMOVE leaseId, leaseUntil', {
      ':version': version,
    });
  }

  async release(key: SubscriptionKey, leaseId: string): Promise<void> {
    await this.whileLeased(key, leaseId, 'REMOVE leaseId, leaseUntil');
  }

  async close(connectionId: string): Promise<void> {
    const connection = await this.connection(connectionId);
    const keys = [
      ...(connection?.orderIds ?? []).map((orderId) => subscriptionKey({ orderId, connectionId })),
      connectionKey(connectionId),
    ];
    await Promise.all(
      keys.map((Key) => this.client.send(new DeleteCommand({ TableName: this.tableName, Key }))),
    );
  }

  /** An update made only by the lease's holder: a lease that expired and was taken since changes nothing. */
  private async whileLeased(
    key: SubscriptionKey,
    leaseId: string,
    update: string,
    values: Record<string, unknown> = {},
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: subscriptionKey(key),
          UpdateExpression: update,
          ConditionExpression: 'leaseId = :leaseId',
          ExpressionAttributeValues: { ':leaseId': leaseId, ...values },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

function toConnection(item: Record<string, unknown>): Connection {
  return {
    connectionId: item.connectionId as string,
    customerId: item.customerId as string,
    connectedAt: item.connectedAt as string,
    expiresAt: item.expiresAt as number,
    orderIds: [...((item.orderIds as Set<string> | undefined) ?? [])],
  };
}

function toDeliveryState(item: Record<string, unknown>) {
  const { sentVersion, leaseId, leaseUntil } = item as {
    sentVersion: number;
    leaseId?: string;
    leaseUntil?: number;
  };
  return {
    sentVersion,
    ...(leaseId !== undefined && leaseUntil !== undefined
      ? { lease: { id: leaseId, until: leaseUntil } }
      : {}),
  };
}
