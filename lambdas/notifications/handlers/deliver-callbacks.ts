import { SQSClient } from '@aws-sdk/client-sqs';
import { dynamoDbClient, sdkClientOptions } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { deliveryFromEnv } from '../adapters/notifications-from-env';
import { sqsRedelivery } from '../adapters/sqs-redelivery';
import { NOTIFICATIONS_ENV } from '../contract';
import { notificationsConsumer } from './notifications-consumer';

// Composition root: the adapters are built once per cold start.
const config = readConfig(['IDEMPOTENCY_TABLE_NAME', NOTIFICATIONS_ENV.queueUrl]);

export const handler = notificationsConsumer(
  deliveryFromEnv(),
  { client: dynamoDbClient(), tableName: config.IDEMPOTENCY_TABLE_NAME },
  sqsRedelivery(new SQSClient(sdkClientOptions()), config[NOTIFICATIONS_ENV.queueUrl]),
);
