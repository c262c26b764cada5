import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  fakeLambda,
  invokeTask,
  machineArn,
  namedError,
  stateMachineResource,
  stepFunctionsKit,
} from './sfn-test-kit';

/** The place-order saga's shape: three steps, each failure compensating what was done, in reverse. */
const saga = {
  StartAt: 'ReserveInventory',
  States: {
    ReserveInventory: invokeTask('reserve', {
      ResultPath: '$.reservation',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Rejected' }],
      Next: 'ChargePayment',
    }),
    ChargePayment: invokeTask('charge', {
      ResultPath: '$.payment',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ReleaseInventory' }],
      Next: 'CreateShipment',
    }),
    CreateShipment: invokeTask('ship', {
      ResultPath: '$.shipment',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RefundPayment' }],
      Next: 'Confirmed',
    }),
    RefundPayment: invokeTask('refund', { ResultPath: null, Next: 'ReleaseInventory' }),
    ReleaseInventory: invokeTask('release', { ResultPath: null, Next: 'Rejected' }),
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'A saga step failed; compensations ran' },
    Confirmed: { Type: 'Succeed' },
  },
};

const start = stepFunctionsKit();

function sagaLambda(failing?: string) {
  const step = (name: string) => () => {
    if (name === failing) throw namedError(`${name}Error`, `${name} failed`);
    return { [`${name}Id`]: `${name}-1` };
  };
  return fakeLambda(
    Object.fromEntries(['reserve', 'charge', 'ship', 'refund', 'release'].map((n) => [n, step(n)])),
  );
}

async function runSaga(failing?: string) {
  const lambda = sagaLambda(failing);
  const { service, client } = await start([stateMachineResource('PlaceOrder', saga)], {
    lambda: lambda.service,
  });
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: machineArn('PlaceOrder'), input: '{"orderId":"o-1"}' }),
  );
  await service.drain();
  const described = await client.send(new DescribeExecutionCommand({ executionArn }));
  return { described, called: lambda.called(), calls: lambda.calls };
}

describe('a saga with compensations', () => {
  it('runs every step and succeeds when nothing fails', async () => {
    const { described, called } = await runSaga();

    expect(called).toEqual(['reserve', 'charge', 'ship']);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '')).toEqual({
      orderId: 'o-1',
      reservation: { result: { reserveId: 'reserve-1' } },
      payment: { result: { chargeId: 'charge-1' } },
      shipment: { result: { shipId: 'ship-1' } },
    });
  });

  it('compensates in reverse order when the last step fails, then fails with the Fail state', async () => {
    const { described, called, calls } = await runSaga('ship');

    expect(called).toEqual(['reserve', 'charge', 'ship', 'refund', 'release']);
    // The compensation sees what the failed step reported, under the Catch's ResultPath.
    expect(calls[3]?.event).toMatchObject({
      payment: { result: { chargeId: 'charge-1' } },
      failure: { Error: 'shipError' },
    });
    expect(described).toMatchObject({
      status: 'FAILED',
      error: 'OrderRejected',
      cause: 'A saga step failed; compensations ran',
    });
  });

  it('compensates only what was done when a middle step fails', async () => {
    const { described, called } = await runSaga('charge');

    expect(called).toEqual(['reserve', 'charge', 'release']);
    expect(described.status).toBe('FAILED');
  });
});
