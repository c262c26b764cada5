import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { InventoryService } from '../services/inventory/inventory-service';

export interface InventoryStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
}

export class InventoryStack extends Stack {
  readonly inventory: InventoryService;

  constructor(scope: Construct, id: string, props: InventoryStackProps) {
    super(scope, id, props);
    this.inventory = new InventoryService(this, 'Inventory', { config: props.config, bus: props.bus });
    new ServiceDashboard(this, 'Dashboard', {
      config: props.config,
      service: 'inventory',
      of: this.inventory,
    });
  }
}
