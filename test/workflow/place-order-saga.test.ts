import { randomUUID } from 'node:crypto';
import { executeOrderCommand } from '../../lambdas/orders/use-cases/execute-command';
import { chargeIdFor } from '../../lambdas/payment-provider/domain/ledger';
import { chargeKey } from '../../lambdas/payments/domain/payment';
import { effectsOf, expectStockRestored, FORWARD, LOADED, netCaptured, orderOf } from './saga-orders';
import { businessError, crash, type SagaWorld, type StepName, startSagaWorld } from './saga-world';

let world: SagaWorld;
beforeAll(async () => {
  world = await startSagaWorld();
});
afterAll(() => world?.stop());

describe('the place-order saga (synthesized definition, real handlers, DynamoDB Local)', () => {
  it('confirms an order: every step once, in order; the order priced and CONFIRMED', async () => {
    const { orderId, skus } = await orderOf(world);
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)).toEqual([LOADED, ...FORWARD]);
    expect((await world.orders.load(orderId)).state).toMatchObject({ status: 'CONFIRMED', total: 12.5 });
    expect(await world.inventory.getStock(skus[0])).toMatchObject({ available: 8, reserved: 2 });
    expect(await world.payments.get(orderId)).toMatchObject({ status: 'CAPTURED', amount: 12.5 });
  });

  it('each service publishes what it did through its outbox, tied to the order and caused by the execution', async () => {
    const confirmed = await orderOf(world);
    await world.run(confirmed.orderId);
    const unshippable = await orderOf(world, { country: 'XX' });
    await world.run(unshippable.orderId);
    const trace = (orderId: string) => ({
      sagaStyle: 'orchestration',
      metadata: expect.objectContaining({
        correlationId: `corr-${orderId}`,
        causationId: world.executionArnOf(orderId),
      }),
    });
    const events = await world.serviceEvents(confirmed.orderId);
    expect(events).toEqual({
      inventory: [
        expect.objectContaining({
          type: 'InventoryReserved',
          data: expect.objectContaining({ total: 12.5 }),
        }),
      ],
      payments: [
        expect.objectContaining({ type: 'PaymentCaptured', data: expect.objectContaining({ amount: 12.5 }) }),
      ],
      shipping: [
        expect.objectContaining({
          type: 'ShipmentScheduled',
          data: expect.objectContaining({ declaredValue: { amount: 12.5, currency: 'EUR' } }),
        }),
      ],
    });
    for (const event of Object.values(events).flat()) {
      expect(event).toMatchObject({ data: { orderId: confirmed.orderId, sagaStyle: 'orchestration' } });
      expect(event.metadata).toMatchObject(trace(confirmed.orderId).metadata);
    }
    const compensated = await world.serviceEvents(unshippable.orderId);
    const typesOf = (list: readonly { type: string }[]) => list.map(({ type }) => type).sort();
    expect({
      inventory: typesOf(compensated.inventory),
      payments: typesOf(compensated.payments),
      shipping: typesOf(compensated.shipping),
    }).toEqual({
      inventory: ['InventoryReleased', 'InventoryReserved'],
      payments: ['PaymentCaptured', 'PaymentRefunded'],
      shipping: ['ShippingUnavailable'],
    });
    expect(compensated.payments.find(({ type }) => type === 'PaymentRefunded')?.data).toMatchObject({
      outcome: 'REFUNDED',
      amount: 12.5,
    });
  });

  it.each([
    [
      'ReserveInventory (out of stock)',
      { stock: [1, 10] as [number, number] },
      'OUT_OF_STOCK',
      [LOADED, 'ReserveInventory', 'RejectOrder'],
    ],
    [
      'ChargePayment (declined)',
      { token: 'tok_declined' },
      'PAYMENT_DECLINED',
      [LOADED, 'ReserveInventory', 'ChargePayment', 'ReleaseInventory', 'RejectOrder'],
    ],
    [
      'ScheduleShipment (country XX)',
      { country: 'XX' },
      'SHIPPING_UNAVAILABLE',
      [
        LOADED,
        'ReserveInventory',
        'ChargePayment',
        'ScheduleShipment',
        'RefundPayment',
        'ReleaseInventory',
        'RejectOrder',
      ],
    ],
  ])(
    'a business failure at %s runs the compensations of the steps before it, once each, in reverse, then rejects',
    async (_, options, reason, expected) => {
      const { orderId, skus, stock } = await orderOf(world, options);
      await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
      expect(world.calls.get(orderId)).toEqual(expected);
      expect((await world.orders.load(orderId)).state).toMatchObject({
        status: 'REJECTED',
        rejectionReason: reason,
      });
      await expectStockRestored(world, skus, stock);
      const payment = await world.payments.get(orderId);
      if (expected.includes('RefundPayment')) {
        expect(payment).toMatchObject({ status: 'REFUNDED' });
        expect(await world.ledger.findCharge(payment?.chargeId ?? '')).toMatchObject({
          status: 'refunded',
          refundedAmount: 12.5,
        });
      }
    },
  );

  it('an order cancelled while its saga runs (a real change): ConfirmOrder is refused, every step compensated, OrderChangedDuringSaga', async () => {
    const { orderId, skus, stock } = await orderOf(world);
    // The customer cancels for real, through the orders use case on the event store, while the shipment
    // is being scheduled; the step then does its work.
    world.inject(orderId, 'ScheduleShipment', async () => {
      await executeOrderCommand(
        world.orders,
        orderId,
        { type: 'CancelOrder', reason: 'customer changed their mind' },
        { correlationId: 'support-1', causationId: 'test', now: () => new Date(), newId: randomUUID },
      );
      return undefined;
    });
    await expect(world.run(orderId)).resolves.toEqual({ status: 'FAILED', error: 'OrderChangedDuringSaga' });
    expect(world.calls.get(orderId)).toEqual([
      LOADED,
      ...FORWARD,
      'CancelShipment',
      'RefundPayment',
      'ReleaseInventory',
    ]);
    // The cancellation stands (nothing rejects it), and nothing of the saga is kept.
    expect((await world.orders.load(orderId)).state).toMatchObject({ status: 'CANCELLED', total: null });
    await expectStockRestored(world, skus, stock);
    expect(await netCaptured(world, orderId)).toBe(0);
    expect(await world.ledger.findCharge(chargeIdFor(chargeKey(orderId)))).toMatchObject({
      status: 'refunded',
    });
    expect(await world.shipmentOf(orderId)).toMatchObject({ status: 'CANCELLED' });
  });

  it('retries PaymentUnavailable, then settles the payment by its key, gives the stock back and rejects with PAYMENT_UNAVAILABLE', async () => {
    const { orderId, skus, stock } = await orderOf(world);
    world.inject(orderId, 'ChargePayment', businessError('PaymentUnavailable'));
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    // Two retries of the definition, then the catch.
    expect(world.calls.get(orderId)).toEqual([
      LOADED,
      'ReserveInventory',
      'ChargePayment',
      'ChargePayment',
      'ChargePayment',
      'RefundPayment',
      'ReleaseInventory',
      'RejectOrder',
    ]);
    expect((await world.orders.load(orderId)).state).toMatchObject({
      rejectionReason: 'PAYMENT_UNAVAILABLE',
    });
    await expectStockRestored(world, skus, stock);
  });

  it('retries a transient Lambda failure (throttling) and then succeeds', async () => {
    const { orderId } = await orderOf(world);
    world.inject(orderId, 'ScheduleShipment', (attempt) =>
      attempt <= 2
        ? {
            ok: false,
            functionError: 'Throttled',
            payload: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' },
            durationMs: 1,
          }
        : undefined,
    );
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)).toEqual([
      LOADED,
      'ReserveInventory',
      'ChargePayment',
      'ScheduleShipment',
      'ScheduleShipment',
      'ScheduleShipment',
      'ConfirmOrder',
    ]);
  });

  it('ends in CompensationFailed, publishing SagaCompensationFailed, when the provider refuses the refund throughout', async () => {
    const { orderId, skus } = await orderOf(world, { country: 'XX' });
    // A real cause: the provider fails every request from the moment shipping is tried, so the charge
    // went through and its refund cannot.
    world.inject(orderId, 'ScheduleShipment', async () => {
      await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 1 });
      return undefined;
    });
    try {
      await expect(world.run(orderId)).resolves.toEqual({ status: 'FAILED', error: 'CompensationFailed' });
    } finally {
      await world.ledger.setBehaviour({ latencyMs: 0, failureRate: 0 });
      // The refusals opened the circuit: close it for the tests after this one.
      await world.resetBreaker();
    }
    const calls = world.calls.get(orderId) ?? [];
    expect(calls.slice(0, 4)).toEqual([LOADED, 'ReserveInventory', 'ChargePayment', 'ScheduleShipment']);
    // The refund retried (twelve retries), never given up as if it had succeeded, nothing after it.
    expect(calls.slice(4)).toEqual(Array(13).fill('RefundPayment'));
    expect(world.published).toContainEqual(
      expect.objectContaining({
        Entries: [
          expect.objectContaining({
            Source: 'shop.place-order-saga',
            DetailType: 'SagaCompensationFailed',
            Detail: {
              metadata: expect.objectContaining({ schemaVersion: 1, correlationId: `corr-${orderId}` }),
              data: { orderId, error: expect.objectContaining({ Error: 'PaymentUnavailable' }) },
            },
          }),
        ],
      }),
    );
    // The money and the stock are still held, the order PENDING: the alarm's and the sweeper's case.
    expect((await world.orders.load(orderId)).state?.status).toBe('PENDING');
    expect(await netCaptured(world, orderId)).toBe(12.5);
    expect(await world.inventory.getStock(skus[0])).toMatchObject({ reserved: 2 });
  });

  it('runs once per order however often OrderPlaced arrives (the starter names the execution after the order)', async () => {
    const { orderId } = await orderOf(world);
    const outcomes = [];
    for (let n = 0; n < 3; n++) outcomes.push(await world.deliverOrderPlaced(orderId));
    await world.stepFunctions.drain();
    // One execution: the same one answered every time.
    expect(new Set(outcomes.map((o) => o.executionArn)).size).toBe(1);
    const { executions } = (await world.stepFunctions.handle('ListExecutions', {
      stateMachineArn: world.stateMachineArn,
    })) as { executions: Array<{ name: string }> };
    expect(executions.filter((e) => e.name === orderId)).toHaveLength(1);
    expect(world.calls.get(orderId)).toEqual([LOADED, ...FORWARD]);
    expect(await world.payments.get(orderId)).toMatchObject({ status: 'CAPTURED' });
  });
});

describe('a saga started for an order already decided', () => {
  it.each([
    ['CONFIRMED', {}, 'CONFIRMED'],
    // Restocked since: run again, the saga would now reserve, charge and ship before ConfirmOrder refused.
    ['REJECTED OUT_OF_STOCK, since restocked', { stock: [1, 10] as [number, number] }, 'REJECTED'],
    ['REJECTED PAYMENT_DECLINED', { token: 'tok_declined' }, 'REJECTED'],
  ])(
    'does nothing for a %s order (a second execution under another name): no reservation, charge, shipment or status change',
    async (_, options, status) => {
      const { orderId, skus } = await orderOf(world, options);
      await world.run(orderId);
      expect((await world.orders.load(orderId)).state?.status).toBe(status);
      await world.inventory.setStock(skus[0], 10, 5);
      const before = await effectsOf(world, orderId, skus);
      const callsBefore = world.calls.get(orderId)?.length ?? 0;

      await expect(world.run(orderId, `${orderId}-again`)).resolves.toEqual({ status: 'SUCCEEDED' });
      expect(world.calls.get(orderId)?.slice(callsBefore)).toEqual([LOADED]);
      expect(await effectsOf(world, orderId, skus)).toEqual(before);
    },
  );
});

describe('the place-order saga when a step crashes (runtime failures, not business answers)', () => {
  it.each(FORWARD)(
    'retries %s when it crashed twice after doing its work, and confirms the order with one effect of each step',
    async (step) => {
      const { orderId, skus } = await orderOf(world);
      world.inject(orderId, step, crash({ times: 2, after: true }));
      await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
      expect(world.calls.get(orderId)?.filter((s) => s === step)).toHaveLength(3);
      expect((await world.orders.load(orderId)).state).toMatchObject({ status: 'CONFIRMED', total: 12.5 });
      expect(await world.inventory.getStock(skus[0])).toMatchObject({ available: 8, reserved: 2 });
      expect(await netCaptured(world, orderId)).toBe(12.5);
    },
  );

  it.each([
    ['ReserveInventory', ['ReleaseInventory', 'RejectOrder']],
    ['ChargePayment', ['RefundPayment', 'ReleaseInventory', 'RejectOrder']],
    ['ScheduleShipment', ['CancelShipment', 'RefundPayment', 'ReleaseInventory', 'RejectOrder']],
  ] as Array<[StepName, StepName[]]>)(
    'compensates and rejects with FULFILMENT_FAILED when %s crashes on every attempt (after its work): stock back, no money kept',
    async (step, compensations) => {
      const { orderId, skus, stock } = await orderOf(world);
      world.inject(orderId, step, crash({ times: Number.POSITIVE_INFINITY, after: true }));
      await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
      const calls = world.calls.get(orderId) ?? [];
      // Its first attempt and three retries, then the compensations from what it may have done.
      expect(calls.filter((s) => s === step)).toHaveLength(4);
      expect(calls.slice(-compensations.length)).toEqual(compensations);
      expect((await world.orders.load(orderId)).state).toMatchObject({
        status: 'REJECTED',
        rejectionReason: 'FULFILMENT_FAILED',
      });
      await expectStockRestored(world, skus, stock);
      expect(await netCaptured(world, orderId)).toBe(0);
      if (step === 'ScheduleShipment') {
        expect(await world.shipmentOf(orderId)).toMatchObject({ status: 'CANCELLED' });
      }
    },
  );

  it('a ConfirmOrder that crashes on every attempt before its work: the order, still PENDING, is compensated and rejected FULFILMENT_FAILED', async () => {
    const { orderId, skus, stock } = await orderOf(world);
    world.inject(
      orderId,
      'ConfirmOrder',
      crash({ times: Number.POSITIVE_INFINITY, after: false, kind: 'Runtime.ExitError' }),
    );
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)).toEqual([
      LOADED,
      ...FORWARD,
      'ConfirmOrder',
      'ConfirmOrder',
      'ConfirmOrder',
      LOADED,
      'CancelShipment',
      'RefundPayment',
      'ReleaseInventory',
      'RejectOrder',
    ]);
    expect((await world.orders.load(orderId)).state).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'FULFILMENT_FAILED',
    });
    await expectStockRestored(world, skus, stock);
    expect(await netCaptured(world, orderId)).toBe(0);
  });

  it('a ConfirmOrder that confirmed, then crashed on every attempt: the order is CONFIRMED and nothing is undone', async () => {
    const { orderId, skus } = await orderOf(world);
    world.inject(orderId, 'ConfirmOrder', crash({ times: Number.POSITIVE_INFINITY, after: true }));
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)?.slice(-2)).toEqual(['ConfirmOrder', LOADED]);
    expect((await world.orders.load(orderId)).state).toMatchObject({ status: 'CONFIRMED', total: 12.5 });
    expect(await world.inventory.getStock(skus[0])).toMatchObject({ available: 8, reserved: 2 });
    expect(await netCaptured(world, orderId)).toBe(12.5);
  });

  it('a LoadOrderStatus that fails on every attempt: nothing was done, the order is rejected FULFILMENT_FAILED at once', async () => {
    const { orderId, skus, stock } = await orderOf(world);
    world.inject(
      orderId,
      LOADED,
      crash({ times: Number.POSITIVE_INFINITY, after: false, kind: 'Runtime.ExitError' }),
    );
    await expect(world.run(orderId)).resolves.toEqual({ status: 'SUCCEEDED' });
    expect(world.calls.get(orderId)).toEqual([LOADED, LOADED, LOADED, LOADED, 'RejectOrder']);
    expect((await world.orders.load(orderId)).state).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'FULFILMENT_FAILED',
    });
    await expectStockRestored(world, skus, stock);
    expect(await netCaptured(world, orderId)).toBe(0);
  });
});
