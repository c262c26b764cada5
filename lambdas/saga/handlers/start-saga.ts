import { SFNClient } from '@aws-sdk/client-sfn';
import { SDK_TIMEOUTS } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { startSagaHandler } from './start-saga-handler';

// Composition root: read the environment and build the client once per cold start.
const config = readConfig(['STATE_MACHINE_ARN']);

export const handler = startSagaHandler({
  sfn: new SFNClient({
    maxAttempts: SDK_TIMEOUTS.maxAttempts,
    requestHandler: {
      connectionTimeout: SDK_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: SDK_TIMEOUTS.requestTimeoutMs,
    },
  }),
  stateMachineArn: config.STATE_MACHINE_ARN,
});
