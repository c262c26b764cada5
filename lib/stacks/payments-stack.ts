import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PROVIDER_BREAKER } from '../../lambdas/payments/contract';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { PaymentProvider } from '../services/payment-provider/payment-provider';
import { PaymentsService } from '../services/payments/payments-service';

export interface PaymentsStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
}

/**
 * The payments service and the account it charges through: in non-production stages the stub provider,
 * deployed in this stack with the account secret it issues; in production a real provider, whose account
 * (`{ url, apiKey }`) an operator keeps in the stage's named secret, with no stub and no test hook deployed.
 */
export class PaymentsStack extends Stack {
  readonly provider?: PaymentProvider;
  readonly payments: PaymentsService;

  constructor(scope: Construct, id: string, props: PaymentsStackProps) {
    super(scope, id, props);
    const source = props.config.payments.provider;
    let account: secretsmanager.ISecret;
    if (source.kind === 'stub') {
      this.provider = new PaymentProvider(this, 'PaymentProvider', { config: props.config });
      account = this.provider.account;
    } else {
      account = secretsmanager.Secret.fromSecretNameV2(this, 'ProviderAccount', source.secretName);
    }
    this.payments = new PaymentsService(this, 'Payments', {
      config: props.config,
      providerAccount: account,
      bus: props.bus,
    });
    new ServiceDashboard(this, 'Dashboard', {
      config: props.config,
      service: 'payments',
      of: this.payments,
      breakers: { powertoolsService: 'payments', names: [PROVIDER_BREAKER] },
    });
  }
}
