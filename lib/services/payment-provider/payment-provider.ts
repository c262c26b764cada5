import { CfnOutput, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  behaviourSchema,
  chargeRequestSchema,
  refundRequestSchema,
} from '../../../lambdas/payment-provider/schemas/provider-requests';
import type { StageConfig } from '../../config/stage-config';
import { apiGatewayModelSchema } from '../../constructs/json-schema-model';
import { observedRestApi } from '../../constructs/rest-api-defaults';
import { ServiceFunction } from '../../constructs/service-function';
import { ServiceTable } from '../../constructs/service-table';

export interface PaymentProviderProps {
  readonly config: StageConfig;
}

/**
 * A stub of an external payment provider: its own function, its own REST API and its own ledger (the
 * provider's records, not the shop's). The shop reaches it over HTTP as it would a real one. In
 * non-production stages `PUT /admin/behaviour` sets its latency and failure rate.
 */
export class PaymentProvider extends Construct {
  readonly api: apigw.RestApi;
  readonly ledger: ServiceTable;
  /** Base URL of the provider's API (ends with a slash). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PaymentProviderProps) {
    super(scope, id);
    const { config } = props;
    this.ledger = new ServiceTable(this, 'Ledger', {
      config,
      partitionKey: { name: 'id', type: AttributeType.STRING },
    });
    const fn = new ServiceFunction(this, 'Provider', {
      config,
      service: 'payment-provider',
      handler: 'provider',
      invocation: 'sync',
      description: 'Stub payment provider: charges, refunds, and (non-production) failure injection',
      environment: {
        LEDGER_TABLE_NAME: this.ledger.table.tableName,
        ADMIN_ENABLED: String(config.testHooks),
      },
    }).function;
    this.ledger.grant(fn, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);

    const { api, validator } = observedRestApi(this, config, {
      restApiName: `${config.stackPrefix}-payment-provider`,
      description: 'Stub payment provider (an external system stand-in)',
      stageName: 'v1',
    });
    this.api = api;
    const integration = new apigw.LambdaIntegration(fn);
    const model = (name: string, schema: Parameters<typeof apiGatewayModelSchema>[0]) => ({
      'application/json': this.api.addModel(name, {
        contentType: 'application/json',
        schema: apiGatewayModelSchema(schema),
      }),
    });
    const charges = this.api.root.addResource('charges');
    charges.addMethod('POST', integration, {
      requestValidator: validator,
      requestModels: model('ChargeRequest', chargeRequestSchema),
      requestParameters: { 'method.request.header.Idempotency-Key': true },
    });
    const charge = charges.addResource('{chargeId}');
    charge.addMethod('GET', integration, { requestValidator: validator });
    // Refunds by the charge's idempotency key: the caller that needs one may never have learnt the id.
    this.api.root.addResource('refunds').addMethod('POST', integration, {
      requestValidator: validator,
      requestModels: model('RefundRequest', refundRequestSchema),
    });
    if (config.testHooks) {
      this.api.root
        .addResource('admin')
        .addResource('behaviour')
        .addMethod('PUT', integration, {
          requestValidator: validator,
          requestModels: model('Behaviour', behaviourSchema),
        });
    }
    this.url = this.api.url;
    new CfnOutput(this, 'Url', {
      key: 'PaymentProviderUrl',
      value: this.api.url,
      description: 'Base URL of the stub payment provider',
    });

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'A stand-in for a third-party provider, reachable as the real one would be; it holds no customer data.',
      },
      { id: 'AwsSolutions-COG4', reason: 'Same as APIG4: a stub of an external system has no user pool.' },
      { id: 'AwsSolutions-APIG3', reason: 'A test stub behind stage throttling; a WAF would only cost.' },
    );
  }
}
