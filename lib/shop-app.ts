import { type App, Aspects, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { StageConfig } from './config/stage-config';
import { NotifyStageAlarmTopic } from './constructs/alarm-topic';
import { importCustomerLookup } from './services/customers/customers-service';
import { AppsStack } from './stacks/apps-stack';
import { CustomersStack } from './stacks/customers-stack';
import { EdgeStack } from './stacks/edge-stack';
import { EventsStack } from './stacks/events-stack';
import { InventoryStack } from './stacks/inventory-stack';
import { NotificationsStack } from './stacks/notifications-stack';
import { OrdersStack } from './stacks/orders-stack';
import { PaymentsStack } from './stacks/payments-stack';
import { PushStack } from './stacks/push-stack';
import { SagaStack } from './stacks/saga-stack';
import { ShippingStack } from './stacks/shipping-stack';

export interface ShopStacks {
  readonly events: EventsStack;
  readonly orders: OrdersStack;
  readonly inventory: InventoryStack;
  readonly customers: CustomersStack;
  readonly payments: PaymentsStack;
  readonly shipping: ShippingStack;
  readonly saga: SagaStack;
  readonly edge: EdgeStack;
  readonly apps: AppsStack;
  readonly push: PushStack;
  readonly notifications: NotificationsStack;
}

/**
 * Composes the shop's stacks for one stage and turns on cdk-nag, whose findings fail synth. Kept apart
 * from `bin/app.ts` so tests build exactly what `cdk synth` builds.
 */
export function buildShop(app: App, config: StageConfig): ShopStacks {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const events = new EventsStack(app, `${config.stackPrefix}-Events`, {
    config,
    env,
    description: 'The domain-event bus and its archive',
  });
  const customers = new CustomersStack(app, `${config.stackPrefix}-Customers`, {
    config,
    env,
    description: 'Customers service: customer profiles',
  });
  const orders = new OrdersStack(app, `${config.stackPrefix}-Orders`, {
    config,
    env,
    description: 'Orders service: event store, snapshots, read model, commands, queries and publishing',
    bus: events.events.bus,
    customers: importCustomerLookup(config),
  });
  const inventory = new InventoryStack(app, `${config.stackPrefix}-Inventory`, {
    config,
    env,
    description: 'Inventory service: stock, reservations and their release',
    bus: events.events.bus,
  });
  const notifications = new NotificationsStack(app, `${config.stackPrefix}-Notifications`, {
    config,
    env,
    description: "Notifications service: signed callbacks of orders' final statuses (Standard Webhooks)",
    bus: events.events.bus,
    callbackSigningKey: orders.orders.callbackSigningKey,
  });
  const edge = new EdgeStack(app, `${config.stackPrefix}-Edge`, {
    config,
    env,
    description: 'Edge: the user pool that authorizes its callers, and the public REST API',
    orders: {
      placeOrder: orders.orders.placeOrder,
      getOrder: orders.orders.getOrder,
      getOrderHistory: orders.orders.getOrderHistory,
      cancelOrder: orders.orders.cancelOrder,
      listCustomerOrders: orders.orders.listCustomerOrders,
    },
    customers: {
      createCustomer: customers.customers.createCustomer,
      getCustomer: customers.customers.getCustomer,
    },
    products: { getProduct: inventory.inventory.getProduct },
    callbacks: {
      listCallbacks: notifications.notifications.listCallbacks,
      ...(notifications.notifications.replayCallback
        ? { replayCallback: notifications.notifications.replayCallback }
        : {}),
    },
    ...(inventory.inventory.stockApi ? { inventory: inventory.inventory.stockApi } : {}),
  });

  // After the edge, so that the local cloud serves the public API on the first port (4567).
  const payments = new PaymentsStack(app, `${config.stackPrefix}-Payments`, {
    config,
    env,
    description: 'Payments service (circuit breaker) and the stub payment provider',
    bus: events.events.bus,
  });
  const shipping = new ShippingStack(app, `${config.stackPrefix}-Shipping`, {
    config,
    env,
    description: 'Shipping service: shipments scheduled and cancelled',
    bus: events.events.bus,
  });
  const saga = new SagaStack(app, `${config.stackPrefix}-Saga`, {
    config,
    env,
    description: 'The place-order saga (Step Functions), started by OrderPlaced',
    bus: events.events.bus,
    orderViews: orders.orders.orderViews.table,
  });

  const apps = new AppsStack(app, `${config.stackPrefix}-Apps`, {
    config,
    env,
    description: "The shop's own apps' backends: web and mobile BFFs over one composition core",
    userPool: edge.identity.userPool,
  });

  const push = new PushStack(app, `${config.stackPrefix}-Push`, {
    config,
    env,
    description:
      "Order updates pushed to the shop's apps over WebSocket, from the orders read model's stream",
    userPool: edge.identity.userPool,
    appClients: Object.values(edge.identity.appClients),
    orderViews: orders.orders.orderViews.table,
  });
  // Subscribing asks the orders internal API, imported by its export name.
  push.addStackDependency(orders);

  // Placing an order looks customers up through the customers internal API, imported by its export name.
  orders.addStackDependency(customers);
  // Callbacks read the order through the orders internal API, imported by its export name.
  notifications.addStackDependency(orders);
  // The apps' backends call every service's internal API, imported by its export name.
  for (const service of [orders, customers, payments, shipping]) apps.addStackDependency(service);
  // The saga calls the step functions by name, so deployment order is stated rather than implied.
  for (const service of [orders, inventory, payments, shipping]) saga.addStackDependency(service);

  // Every alarm of every stack notifies the stage's topic (deployed first, with the bus).
  Aspects.of(app).add(new NotifyStageAlarmTopic(config));
  Tags.of(app).add('app', 'shop');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { events, orders, inventory, customers, payments, shipping, saga, edge, apps, notifications, push };
}
