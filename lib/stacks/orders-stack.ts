import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { OrdersService, type OrdersServiceProps } from '../services/orders/orders-service';

export interface OrdersStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: OrdersServiceProps['bus'];
  readonly customers: OrdersServiceProps['customers'];
}

export class OrdersStack extends Stack {
  readonly orders: OrdersService;

  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);
    this.orders = new OrdersService(this, 'Orders', {
      config: props.config,
      bus: props.bus,
      customers: props.customers,
    });
    new ServiceDashboard(this, 'Dashboard', { config: props.config, service: 'orders', of: this.orders });
  }
}
