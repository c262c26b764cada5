import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ORDERS_EVENTS } from '../../orders/contract';
import { type DelayRedelivery, eventConsumer } from '../../shared/choreography/event-consumer';
import type { DeliveryDeps } from '../use-cases/deliver-callback';
import { notificationReactions } from '../use-cases/follow-orders';

/** The orders' events, through the service's queue: registrations and final statuses to call back. */
export function notificationsConsumer(
  deps: DeliveryDeps,
  idempotency: { readonly client: DynamoDBClient; readonly tableName: string },
  delayRedelivery: DelayRedelivery,
) {
  return eventConsumer({
    producers: [ORDERS_EVENTS],
    reactions: notificationReactions(deps),
    idempotency: { ...idempotency, keyPrefix: 'notifications-callbacks' },
    delayRedelivery,
  });
}
