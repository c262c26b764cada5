import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type App, BACKEND_URL_ENV, type Backend } from '../../../lambdas/bff/contract';
import { CUSTOMERS_INTERNAL_ROUTES } from '../../../lambdas/customers/contract';
import { ORDERS_INTERNAL_ROUTES } from '../../../lambdas/orders/contract';
import { PAYMENTS_INTERNAL_ROUTES } from '../../../lambdas/payments/contract';
import { METRICS_NAMESPACE } from '../../../lambdas/shared/metrics-namespace';
import { SHIPPING_INTERNAL_ROUTES } from '../../../lambdas/shipping/contract';
import type { StageConfig } from '../../config/stage-config';
import { type InternalRoute, importInternalApi } from '../../constructs/internal-api';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';
import { BffApi } from './bff-api';

export interface AppBackendsProps {
  readonly config: StageConfig;
  /** The pool the apps' users sign in with. */
  readonly userPool: cognito.IUserPool;
}

/**
 * What each app may call of each service: the composed order's parts and the order commands. Mobile
 * shows no customer and no payment, so its function may not read them.
 */
const CALLS: Readonly<Record<App, Readonly<Partial<Record<Backend, readonly InternalRoute[]>>>>> = {
  web: {
    orders: Object.values(ORDERS_INTERNAL_ROUTES),
    customers: [CUSTOMERS_INTERNAL_ROUTES.getCustomer],
    payments: [PAYMENTS_INTERNAL_ROUTES.getPayment],
    shipping: [SHIPPING_INTERNAL_ROUTES.getShipment],
  },
  mobile: {
    orders: Object.values(ORDERS_INTERNAL_ROUTES),
    shipping: [SHIPPING_INTERNAL_ROUTES.getShipment],
  },
};

/**
 * The shop's own apps' backends (BFF): a web and a mobile REST API, each with its own function over the
 * one composition core (`lambdas/bff/`), its users' ID tokens, its API key and usage plan. The functions
 * call the services' internal APIs, signed, with a grant per method they need; each backend has one
 * circuit breaker both apps share (the BFF's own breaker table: no service's table is read).
 */
export class AppBackends extends Construct {
  readonly breakers: ServiceTable;
  readonly functions: Readonly<Record<App, IFunction>>;
  readonly apis: Readonly<Record<App, BffApi>>;

  constructor(scope: Construct, id: string, props: AppBackendsProps) {
    super(scope, id);
    const { config } = props;
    this.breakers = new ServiceTable(this, 'CircuitBreakers', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    const apis = {
      orders: importInternalApi(config, 'orders'),
      customers: importInternalApi(config, 'customers'),
      payments: importInternalApi(config, 'payments'),
      shipping: importInternalApi(config, 'shipping'),
    };
    const { apps } = config;
    const environment = {
      ...Object.fromEntries(
        Object.entries(BACKEND_URL_ENV).map(([backend, name]) => [name, apis[backend as Backend].url]),
      ),
      BREAKER_TABLE_NAME: this.breakers.table.tableName,
      DEADLINE_MS: String(apps.deadline.toMilliseconds()),
      PART_TIMEOUT_MS: String(apps.partTimeout.toMilliseconds()),
      COMMAND_TIMEOUT_MS: String(apps.commandTimeout.toMilliseconds()),
      BREAKER_FAILURES: String(apps.breaker.failures),
      BREAKER_WINDOW_MS: String(apps.breaker.window.toMilliseconds()),
      BREAKER_OPEN_MS: String(apps.breaker.open.toMilliseconds()),
      BREAKER_PROBE_TIMEOUT_MS: String(apps.breaker.probeTimeout.toMilliseconds()),
      BREAKER_CLOSED_STATE_TTL_MS: String(apps.breaker.closedStateTtl.toMilliseconds()),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    };
    const backendFor = (app: App, fnId: string) => {
      const fn = new ServiceFunction(this, fnId, {
        config,
        service: 'bff',
        handler: `${app}-bff`,
        invocation: 'sync',
        description: `The ${app} app's backend: the signed-in customer's orders, composed from the services`,
        environment,
      }).function;
      // The breaker: a consistent read, conditional puts and atomic counts on its own items.
      this.breakers.grant(fn, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      for (const [backend, routes] of Object.entries(CALLS[app])) {
        for (const route of routes ?? []) apis[backend as Backend].grantInvoke(fn, route);
      }
      return fn;
    };
    this.functions = { web: backendFor('web', 'WebBff'), mobile: backendFor('mobile', 'MobileBff') };
    const api = (app: App, apiId: string) =>
      new BffApi(this, apiId, {
        config,
        app,
        userPool: props.userPool,
        handler: this.functions[app],
        usagePlan: apps.usagePlans[app],
      });
    this.apis = { web: api('web', 'WebApi'), mobile: api('mobile', 'MobileApi') };
  }
}
