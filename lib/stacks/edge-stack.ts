import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { PublicApi, type PublicApiProps } from '../services/edge/public-api';
import { ShopIdentity } from '../services/identity/shop-identity';

export interface EdgeStackProps extends StackProps {
  readonly config: StageConfig;
  readonly orders: PublicApiProps['orders'];
  readonly customers: PublicApiProps['customers'];
  readonly products: PublicApiProps['products'];
  readonly inventory?: PublicApiProps['inventory'];
  readonly callbacks: PublicApiProps['callbacks'];
}

export class EdgeStack extends Stack {
  readonly identity: ShopIdentity;
  readonly publicApi: PublicApi;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.identity = new ShopIdentity(this, 'Identity', { config: props.config });
    this.publicApi = new PublicApi(this, 'PublicApi', {
      config: props.config,
      userPool: this.identity.userPool,
      orders: props.orders,
      customers: props.customers,
      products: props.products,
      callbacks: props.callbacks,
      ...(props.inventory ? { inventory: props.inventory } : {}),
    });
    new ServiceDashboard(this, 'Dashboard', { config: props.config, service: 'edge', of: this.publicApi });
  }
}
