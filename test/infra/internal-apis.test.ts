import { ORDERS_INTERNAL_ROUTES } from '../../lambdas/orders/contract';
import { PAYMENTS_INTERNAL_ROUTES } from '../../lambdas/payments/contract';
import { SHIPPING_INTERNAL_ROUTES } from '../../lambdas/shipping/contract';
import { STAGE_NAMES } from '../../lib/config/stage-config';
import { serviceFunctions } from '../helpers/iam-grants';
import { expectInternalApi } from '../helpers/internal-api-expectations';
import { logicalIdOf, shopTemplates } from '../helpers/shop-templates';

/** The internal APIs the shop's own apps' backends compose from (the customers one: customers-service). */
describe.each(STAGE_NAMES)('internal APIs (%s)', (stage) => {
  const templates = shopTemplates(stage);
  const { orders, payments, shipping } = templates.stacks;

  describe('orders: place, read, cancel, list a customer’s, with the public API’s own functions', () => {
    const service = orders.orders;
    const routes = ORDERS_INTERNAL_ROUTES;
    expectInternalApi(stage, templates.orders, 'orders', service.internalApi, [
      { ...routes.placeOrder, operationName: 'PlaceOrder', handler: service.placeOrder },
      { ...routes.getOrder, operationName: 'GetOrder', handler: service.getOrder },
      { ...routes.cancelOrder, operationName: 'CancelOrder', handler: service.cancelOrder },
      {
        ...routes.listCustomerOrders,
        operationName: 'ListCustomerOrders',
        handler: service.listCustomerOrders,
      },
    ]);
  });

  describe('payments: an order’s payment', () => {
    const service = payments.payments;
    expectInternalApi(stage, templates.payments, 'payments', service.internalApi, [
      { ...PAYMENTS_INTERNAL_ROUTES.getPayment, operationName: 'GetPayment', handler: service.getPayment },
    ]);

    it('lets get-payment read one item of the Payments table, and nothing else', () => {
      const { grantsOf, expectedGrants } = serviceFunctions(templates.payments);
      const fn = logicalIdOf(service.getPayment);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [['dynamodb:GetItem', `\${${logicalIdOf(service.payments.table)}.Arn}`]]),
      );
    });
  });

  describe('shipping: an order’s shipment', () => {
    const service = shipping.shipping;
    expectInternalApi(stage, templates.shipping, 'shipping', service.internalApi, [
      { ...SHIPPING_INTERNAL_ROUTES.getShipment, operationName: 'GetShipment', handler: service.getShipment },
    ]);

    it('lets get-shipment read one item of the Shipments table, and nothing else', () => {
      const { grantsOf, expectedGrants } = serviceFunctions(templates.shipping);
      const fn = logicalIdOf(service.getShipment);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [['dynamodb:GetItem', `\${${logicalIdOf(service.shipments.table)}.Arn}`]]),
      );
    });
  });
});
