import type { StepContext } from '../../orders/contract';
import type { InventoryOutOfStockData, InventoryReleasedData, InventoryReservedData } from '../contract';
import type { Reservation } from './stock';

/** What the inventory service publishes about a reservation, from the reservation itself. */
export function reservedEvent(reservation: Reservation, step: StepContext): InventoryReservedData {
  return {
    orderId: reservation.orderId,
    sagaStyle: step.sagaStyle,
    lines: reservation.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    total: reservation.total,
  };
}

export function outOfStockEvent(refused: Reservation, step: StepContext): InventoryOutOfStockData {
  return { orderId: refused.orderId, sagaStyle: step.sagaStyle, skus: [...(refused.short ?? [])] };
}

export function releasedEvent(released: Reservation, step: StepContext): InventoryReleasedData {
  return {
    orderId: released.orderId,
    sagaStyle: step.sagaStyle,
    lines: released.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    ...(step.cause === undefined ? {} : { cause: step.cause }),
  };
}
