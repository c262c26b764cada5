import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { CustomersService } from '../services/customers/customers-service';

export interface CustomersStackProps extends StackProps {
  readonly config: StageConfig;
}

export class CustomersStack extends Stack {
  readonly customers: CustomersService;

  constructor(scope: Construct, id: string, props: CustomersStackProps) {
    super(scope, id, props);
    this.customers = new CustomersService(this, 'Customers', { config: props.config });
    new ServiceDashboard(this, 'Dashboard', {
      config: props.config,
      service: 'customers',
      of: this.customers,
    });
  }
}
