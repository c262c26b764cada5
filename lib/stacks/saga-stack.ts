import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { PlaceOrderSaga, type PlaceOrderSagaProps } from '../services/place-order-saga/place-order-saga';

export interface SagaStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: PlaceOrderSagaProps['bus'];
  readonly orderViews: PlaceOrderSagaProps['orderViews'];
}

/** The orchestrated place-order saga: it owns no data, only the workflow over the services' steps. */
export class SagaStack extends Stack {
  readonly saga: PlaceOrderSaga;

  constructor(scope: Construct, id: string, props: SagaStackProps) {
    super(scope, id, props);
    this.saga = new PlaceOrderSaga(this, 'PlaceOrderSaga', {
      config: props.config,
      bus: props.bus,
      orderViews: props.orderViews,
    });
    new ServiceDashboard(this, 'Dashboard', { config: props.config, service: 'saga', of: this.saga });
  }
}
