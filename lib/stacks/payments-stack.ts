import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { PaymentProvider } from '../services/payment-provider/payment-provider';
import { PaymentsService } from '../services/payments/payments-service';

export interface PaymentsStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * The payments service and, in the same stack, the stub provider it calls: in a real deployment the
 * provider is someone else's and only its URL would be configured here.
 */
export class PaymentsStack extends Stack {
  readonly provider: PaymentProvider;
  readonly payments: PaymentsService;

  constructor(scope: Construct, id: string, props: PaymentsStackProps) {
    super(scope, id, props);
    this.provider = new PaymentProvider(this, 'PaymentProvider', { config: props.config });
    this.payments = new PaymentsService(this, 'Payments', {
      config: props.config,
      providerUrl: this.provider.url,
    });
  }
}
