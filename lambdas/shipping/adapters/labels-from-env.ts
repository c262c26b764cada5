import { randomUUID } from 'node:crypto';
import { integerSetting, readConfig } from '../../shared/config';
import { sqsClient } from '../../shared/queues/sqs-client';
import { LABEL_ENV } from '../contract';
import type { LabelRequestDeps } from '../use-cases/request-label';
import type { LabelSendDeps } from '../use-cases/send-label-request';
import type { AskAgainDeps } from '../use-cases/settle-label';
import { shipmentsFromEnv } from './shipments-from-env';
import { SqsCarrierChannel } from './sqs-carrier-channel';

/** The label requester's dependencies, from its environment. */
export function labelRequestsFromEnv(): LabelRequestDeps {
  return { shipments: shipmentsFromEnv(), ...labelSendsFromEnv(), newId: randomUUID, now: () => new Date() };
}

/** How the deadline consumer asks the carrier again, from its environment. */
export function askAgainFromEnv(): AskAgainDeps {
  const config = readConfig([LABEL_ENV.attempts]);
  return {
    ...labelSendsFromEnv(),
    attempts: integerSetting(LABEL_ENV.attempts, config[LABEL_ENV.attempts], 1),
    newId: randomUUID,
  };
}

/** Where a label request and its deadline go, and how long the deadline is. */
function labelSendsFromEnv(): LabelSendDeps {
  const config = readConfig([
    LABEL_ENV.carrierRequestQueueUrl,
    LABEL_ENV.replyQueueUrl,
    LABEL_ENV.deadlineQueueUrl,
    LABEL_ENV.deadlineSeconds,
  ]);
  return {
    carrier: new SqsCarrierChannel(sqsClient(), {
      carrierRequests: config[LABEL_ENV.carrierRequestQueueUrl],
      deadlines: config[LABEL_ENV.deadlineQueueUrl],
    }),
    replyTo: config[LABEL_ENV.replyQueueUrl],
    deadlineSeconds: integerSetting(LABEL_ENV.deadlineSeconds, config[LABEL_ENV.deadlineSeconds], 1),
  };
}
