import { fromEnv } from '@aws-sdk/credential-provider-env';
import * as z from 'zod/mini';
import { CALLBACK_SIGNING_KEY_SECRET_ENV, CALLBACK_URL_POLICY_ENV } from '../../orders/contract';
import { documentClient } from '../../shared/aws/clients';
import { jsonSecret } from '../../shared/aws/json-secret';
import { integerSetting, oneOf, readConfig } from '../../shared/config';
import { CALLBACK_URL_POLICIES } from '../../shared/http/callback-url-guard';
import { signedFetch } from '../../shared/http/signed-fetch';
import { NOTIFICATIONS_ENV } from '../contract';
import type { DeliveryDeps } from '../use-cases/deliver-callback';
import { DynamoDbCallbackRegistry } from './dynamodb-callback-registry';
import { HttpWebhookSender } from './http-webhook-sender';
import { InternalApiOrderViews } from './internal-api-order-views';

/** The orders internal API's answer comes well inside the function's timeout. */
const ORDERS_API_TIMEOUT_MS = 3_000;

/** Everything a delivery needs, from the function's environment (read once per cold start). */
export function deliveryFromEnv(): DeliveryDeps {
  const config = readConfig([
    NOTIFICATIONS_ENV.callbacksTable,
    NOTIFICATIONS_ENV.retrySchedule,
    NOTIFICATIONS_ENV.deliveryTimeout,
    NOTIFICATIONS_ENV.ordersApiUrl,
    CALLBACK_SIGNING_KEY_SECRET_ENV,
    CALLBACK_URL_POLICY_ENV,
    'AWS_REGION',
  ]);
  const signingKey = jsonSecret(
    config[CALLBACK_SIGNING_KEY_SECRET_ENV],
    z.object({ key: z.string().check(z.minLength(32)) }),
  );
  const retrySchedule = config[NOTIFICATIONS_ENV.retrySchedule]
    .split(',')
    .map((seconds) => integerSetting(NOTIFICATIONS_ENV.retrySchedule, seconds, 0));
  return {
    registry: new DynamoDbCallbackRegistry(documentClient(), config[NOTIFICATIONS_ENV.callbacksTable]),
    orders: new InternalApiOrderViews(
      config[NOTIFICATIONS_ENV.ordersApiUrl],
      ORDERS_API_TIMEOUT_MS,
      // Signed with the function role's credentials: the orders API lets in only the methods granted it.
      signedFetch({ region: config.AWS_REGION, credentials: fromEnv() }),
    ),
    sender: new HttpWebhookSender(
      oneOf(CALLBACK_URL_POLICY_ENV, config[CALLBACK_URL_POLICY_ENV], CALLBACK_URL_POLICIES),
      integerSetting(NOTIFICATIONS_ENV.deliveryTimeout, config[NOTIFICATIONS_ENV.deliveryTimeout], 1),
    ),
    signingKey: async () => (await signingKey()).key,
    retrySchedule,
    now: () => new Date(),
  };
}
