import type * as z from 'zod/mini';
import { myOrderRequestSchema } from '../../lambdas/bff/contract';
import { createCustomerRequestSchema, customerProfileSchema } from '../../lambdas/customers/contract';
import { setStockRequestSchema } from '../../lambdas/inventory/contract';
import { callbackHistorySchema } from '../../lambdas/notifications/contract';
import {
  cancelOrderRequestSchema,
  orderPageSchema,
  orderViewSchema,
  placeOrderRequestSchema,
} from '../../lambdas/orders/contract';

/**
 * What the templates cannot say about an operation, from the contracts: the zod schema of its body (the
 * same one the gateway's model is generated from and the handler validates with), its success status,
 * the answer's schema where the contract has one, and the business problems it answers besides the
 * gateway's. Keyed by the method's `OperationName`; an operation missing here is still documented, from
 * the template alone (its model, a 200).
 */
export interface OperationContract {
  readonly request?: z.ZodMiniType;
  readonly success: number;
  readonly answer?: z.ZodMiniType;
  readonly problems?: readonly number[];
}

export const OPERATION_CONTRACTS: Readonly<Record<string, OperationContract>> = {
  PlaceOrder: { request: placeOrderRequestSchema, success: 202, problems: [409, 422] },
  GetOrder: { success: 200, answer: orderViewSchema, problems: [404] },
  GetOrderHistory: { success: 200, problems: [404] },
  CancelOrder: { request: cancelOrderRequestSchema, success: 202, problems: [404, 409] },
  ListCustomerOrders: { success: 200, answer: orderPageSchema },
  ListCallbacks: { success: 200, answer: callbackHistorySchema, problems: [404] },
  ReplayCallback: { success: 200, problems: [404, 409] },
  CreateCustomer: {
    request: createCustomerRequestSchema,
    success: 201,
    answer: customerProfileSchema,
    problems: [409, 422],
  },
  GetCustomer: { success: 200, answer: customerProfileSchema, problems: [404] },
  GetProduct: { success: 200, problems: [404] },
  SetStock: { request: setStockRequestSchema, success: 200 },
  GetStock: { success: 200, problems: [404] },
  ListMyOrders: { success: 200 },
  GetMyOrder: { success: 200, problems: [404] },
  PlaceMyOrder: { request: myOrderRequestSchema, success: 202, problems: [409, 422] },
  CancelMyOrder: { success: 202, problems: [404, 409] },
};
