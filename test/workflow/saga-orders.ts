import { randomUUID } from 'node:crypto';
import type { SagaStyle } from '../../lambdas/orders/contract';
import { chargeIdFor } from '../../lambdas/payment-provider/domain/ledger';
import { chargeKey } from '../../lambdas/payments/domain/payment';
import { SAMPLE_ORDER } from '../fixtures/orders';
import type { SagaWorld, StepName } from './saga-world';

/** The saga's forward steps, in order. */
export const FORWARD: StepName[] = ['ReserveInventory', 'ChargePayment', 'ScheduleShipment', 'ConfirmOrder'];
/** Every execution first loads the order's status (a decided order: nothing to do). */
export const LOADED: StepName = 'LoadOrderStatus';
/** What the sweeper runs for an order whose saga is over and which is still PENDING, in order. */
export const SWEPT: StepName[] = [
  LOADED,
  'CancelShipment',
  'RefundPayment',
  'ReleaseInventory',
  'RejectOrder',
];

export interface OrderOptions {
  readonly stock?: [number, number];
  readonly token?: string;
  readonly country?: string;
  readonly sagaStyle?: SagaStyle;
}

/** An order of 2 + 1 units of two fresh SKUs, stocked as given, priced 5.00 and 2.50 (12.50 in all). */
export async function orderOf(world: SagaWorld, options: OrderOptions = {}) {
  const [a, b] = [`A-${randomUUID().slice(0, 8)}`, `B-${randomUUID().slice(0, 8)}`];
  const [stockA, stockB] = options.stock ?? [10, 10];
  await world.inventory.setStock(a, stockA, 5);
  await world.inventory.setStock(b, stockB, 2.5);
  const orderId = await world.place({
    ...SAMPLE_ORDER,
    items: [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 1 },
    ],
    paymentToken: options.token ?? 'tok_ok',
    shippingAddress: { ...SAMPLE_ORDER.shippingAddress, country: options.country ?? 'GB' },
    ...(options.sagaStyle === undefined ? {} : { sagaStyle: options.sagaStyle }),
  });
  return { orderId, skus: [a, b] as const, stock: [stockA, stockB] as const };
}

export async function expectStockRestored(
  world: SagaWorld,
  skus: readonly string[],
  stock: readonly number[],
) {
  for (const [i, sku] of skus.entries()) {
    expect(await world.inventory.getStock(sku)).toMatchObject({ available: stock[i], reserved: 0 });
  }
}

/** What the provider's own ledger holds of the order's money: captured minus refunded. */
export async function netCaptured(world: SagaWorld, orderId: string): Promise<number> {
  const charge = await world.ledger.findCharge(chargeIdFor(chargeKey(orderId)));
  return charge?.status === 'captured' || charge?.status === 'refunded'
    ? charge.amount - charge.refundedAmount
    : 0;
}

/** What a saga can change for an order: its events, its stock, its money (ours and the provider's), its shipment. */
export async function effectsOf(world: SagaWorld, orderId: string, skus: readonly string[]) {
  return {
    order: (await world.orders.load(orderId)).state,
    stock: await Promise.all(skus.map((sku) => world.inventory.getStock(sku))),
    payment: await world.payments.get(orderId),
    charge: await world.ledger.findCharge(chargeIdFor(chargeKey(orderId))),
    shipment: await world.shipmentOf(orderId),
  };
}
