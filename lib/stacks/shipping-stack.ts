import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { ShippingService } from '../services/shipping/shipping-service';

export interface ShippingStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
}

export class ShippingStack extends Stack {
  readonly shipping: ShippingService;

  constructor(scope: Construct, id: string, props: ShippingStackProps) {
    super(scope, id, props);
    this.shipping = new ShippingService(this, 'Shipping', { config: props.config, bus: props.bus });
    new ServiceDashboard(this, 'Dashboard', { config: props.config, service: 'shipping', of: this.shipping });
  }
}
