import { NotFoundError } from '../../shared/errors';
import { taskHandler } from '../../shared/tasks/task-handler';
import {
  confirmOrderInputSchema,
  loadOrderStatusInputSchema,
  rejectOrderInputSchema,
} from '../schemas/saga-tasks';
import { commandContext, executeOrderCommand } from '../use-cases/execute-command';
import type { OrderRepository } from '../use-cases/order-repository';

export interface SagaTaskDeps {
  readonly orders: OrderRepository;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * LoadOrderStatus: the order's status from its event stream (not the read model, which lags), so that a
 * saga started for an order already decided (a second execution, a replayed OrderPlaced, an order the
 * sweeper settled before its late saga started) does nothing. Reads only.
 */
export function loadOrderStatusTask(deps: Pick<SagaTaskDeps, 'orders'>) {
  return taskHandler(loadOrderStatusInputSchema, 'LoadOrderStatus', async ({ orderId }) => {
    const { state } = await deps.orders.load(orderId);
    if (state === undefined) throw new NotFoundError(`Order ${orderId} does not exist.`);
    return { orderId, status: state.status, version: state.version };
  });
}

/**
 * ConfirmOrder and RejectOrder: the saga's outcome appended to the order's event stream, so the read
 * model (and the customer) see it. A repeat has no second effect (the order already says so).
 */
export function confirmOrderTask(deps: SagaTaskDeps) {
  return taskHandler(confirmOrderInputSchema, 'ConfirmOrder', async ({ orderId, total }, step) => {
    const { order } = await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'ConfirmOrder', total },
      commandContext(deps, step),
    );
    return { orderId, status: order.status, version: order.version };
  });
}

export function rejectOrderTask(deps: SagaTaskDeps) {
  return taskHandler(rejectOrderInputSchema, 'RejectOrder', async ({ orderId, reason }, step) => {
    const { order } = await executeOrderCommand(
      deps.orders,
      orderId,
      { type: 'RejectOrder', reason },
      commandContext(deps, step),
    );
    return { orderId, status: order.status, version: order.version };
  });
}
