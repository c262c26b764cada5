import { integerSetting, readConfig } from '../../shared/config';
import { sqsClient } from '../../shared/queues/sqs-client';
import { SqsReplyChannel } from '../adapters/sqs-reply-channel';
import { CARRIER_ENV } from '../contract';
import { labelRequestsConsumer } from './label-requests';

// Composition root: read the environment and build the adapters once per cold start.
const config = readConfig([CARRIER_ENV.slowReplyDelaySeconds]);

export const handler = labelRequestsConsumer({
  replies: new SqsReplyChannel(sqsClient()),
  slowReplyDelaySeconds: integerSetting(
    CARRIER_ENV.slowReplyDelaySeconds,
    config[CARRIER_ENV.slowReplyDelaySeconds],
  ),
});
