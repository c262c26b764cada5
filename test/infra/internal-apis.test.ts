import { Template } from 'aws-cdk-lib/assertions';
import { ORDERS_INTERNAL_ROUTES } from '../../lambdas/orders/contract';
import { PAYMENTS_INTERNAL_ROUTES } from '../../lambdas/payments/contract';
import { SHIPPING_INTERNAL_ROUTES } from '../../lambdas/shipping/contract';
import { STAGE_NAMES } from '../../lib/config/stage-config';
import { serviceFunctions } from '../helpers/iam-grants';
import { expectInternalApi } from '../helpers/internal-api-expectations';
import { logicalIdOf, resourcesOfType, shopTemplates } from '../helpers/shop-templates';

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

  describe('shipping: an order’s shipment, and a failed label asked again by an operator', () => {
    const service = shipping.shipping;
    expectInternalApi(stage, templates.shipping, 'shipping', service.internalApi, [
      { ...SHIPPING_INTERNAL_ROUTES.getShipment, operationName: 'GetShipment', handler: service.getShipment },
      {
        ...SHIPPING_INTERNAL_ROUTES.askLabelAgain,
        operationName: 'AskLabelAgain',
        handler: service.labels.askAgain,
      },
    ]);

    it('lets no service invoke the operators’ route: only an operator’s own IAM identity calls it', () => {
      const stacks = Object.values(templates).filter((value) => value instanceof Template);
      const invokes = stacks.flatMap((template) =>
        resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
          (
            policy.Properties.PolicyDocument as { Statement: Array<{ Action: unknown; Resource: unknown }> }
          ).Statement.filter((statement) =>
            JSON.stringify(statement.Action).includes('execute-api:Invoke'),
          ).map((statement) => JSON.stringify(statement.Resource)),
        ),
      );
      // The route is there to be found, if a grant named it.
      expect(invokes.some((resource) => resource.includes('GET/shipments/*'))).toBe(true);
      expect(invokes.filter((resource) => resource.includes('/shipments/*/label'))).toEqual([]);
    });

    it('lets get-shipment read one item of the Shipments table, and nothing else', () => {
      const { grantsOf, expectedGrants } = serviceFunctions(templates.shipping);
      const fn = logicalIdOf(service.getShipment);
      expect(grantsOf(fn)).toEqual(
        expectedGrants(fn, [['dynamodb:GetItem', `\${${logicalIdOf(service.shipments.table)}.Arn}`]]),
      );
    });
  });
});
