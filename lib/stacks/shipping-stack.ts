import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { Carrier } from '../services/carrier/carrier';
import { ShippingService } from '../services/shipping/shipping-service';

export interface ShippingStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
}

/**
 * The shipping service and the carrier it asks for labels: in non-production stages the stub carrier,
 * deployed in this stack (as the stub payment provider is beside payments); in production a real carrier's
 * request queue, whose ARN an operator keeps in the stage's named SSM parameter, with no stub deployed.
 */
export class ShippingStack extends Stack {
  readonly carrier?: Carrier;
  readonly shipping: ShippingService;

  constructor(scope: Construct, id: string, props: ShippingStackProps) {
    super(scope, id, props);
    const source = props.config.shipping.carrier;
    let carrierRequests: sqs.IQueue;
    if (source.kind === 'stub') {
      this.carrier = new Carrier(this, 'Carrier', {
        config: props.config,
        slowReplyDelaySeconds: source.slowReplyDelay.toSeconds(),
      });
      carrierRequests = this.carrier.requests;
    } else {
      const arn = ssm.StringParameter.valueForStringParameter(this, source.requestQueueArnParameter);
      carrierRequests = sqs.Queue.fromQueueArn(this, 'CarrierRequests', arn);
    }
    this.shipping = new ShippingService(this, 'Shipping', {
      config: props.config,
      bus: props.bus,
      carrierRequests,
    });
    this.carrier?.allowRepliesTo(this.shipping.labels.replies.queue);
    new ServiceDashboard(this, 'Dashboard', { config: props.config, service: 'shipping', of: this.shipping });
  }
}
