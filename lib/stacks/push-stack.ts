import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { OrderUpdatesPush, type OrderUpdatesPushProps } from '../services/push/order-updates-push';

export interface PushStackProps extends StackProps, Omit<OrderUpdatesPushProps, 'config'> {
  readonly config: StageConfig;
}

/** Order updates pushed to the shop's apps over WebSocket, deployed after orders (its API and stream). */
export class PushStack extends Stack {
  readonly push: OrderUpdatesPush;

  constructor(scope: Construct, id: string, props: PushStackProps) {
    super(scope, id, props);
    const { config, userPool, appClients, orderViews } = props;
    this.push = new OrderUpdatesPush(this, 'Push', { config, userPool, appClients, orderViews });
    // Its functions, table and dead letters, and the WebSocket API's connections, messages and errors.
    new ServiceDashboard(this, 'Dashboard', {
      config,
      service: 'push',
      of: this.push,
      webSocketStages: [this.push.stage],
    });
  }
}
