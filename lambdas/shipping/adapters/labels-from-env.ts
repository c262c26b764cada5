import { randomUUID } from 'node:crypto';
import { integerSetting, readConfig } from '../../shared/config';
import { sqsClient } from '../../shared/queues/sqs-client';
import { LABEL_ENV } from '../contract';
import type { LabelRequestDeps } from '../use-cases/request-label';
import { shipmentsFromEnv } from './shipments-from-env';
import { SqsCarrierChannel } from './sqs-carrier-channel';

/** The label requester's dependencies, from its environment. */
export function labelRequestsFromEnv(): LabelRequestDeps {
  const config = readConfig([
    LABEL_ENV.carrierRequestQueueUrl,
    LABEL_ENV.replyQueueUrl,
    LABEL_ENV.deadlineQueueUrl,
    LABEL_ENV.deadlineSeconds,
  ]);
  return {
    shipments: shipmentsFromEnv(),
    carrier: new SqsCarrierChannel(sqsClient(), {
      carrierRequests: config[LABEL_ENV.carrierRequestQueueUrl],
      deadlines: config[LABEL_ENV.deadlineQueueUrl],
    }),
    replyTo: config[LABEL_ENV.replyQueueUrl],
    deadlineSeconds: integerSetting(LABEL_ENV.deadlineSeconds, config[LABEL_ENV.deadlineSeconds], 1),
    newId: randomUUID,
    now: () => new Date(),
  };
}
