import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientOptions } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config';
import { startSagaHandler } from './start-saga-handler';

// Composition root: read the environment and build the client once per cold start.
const config = readConfig(['STATE_MACHINE_ARN']);

export const handler = startSagaHandler({
  sfn: new SFNClient(sdkClientOptions()),
  stateMachineArn: config.STATE_MACHINE_ARN,
});
