import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CARRIER_ENV } from '../../../lambdas/carrier/contract';
import type { StageConfig } from '../../config/stage-config';
import { QueueConsumer } from '../../constructs/consumed-queue';

export interface CarrierProps {
  readonly config: StageConfig;
  /** How late the stub answers its "slow" test recipient (stage config). */
  readonly slowReplyDelaySeconds: number;
}

/**
 * A stub of an external parcel carrier's label service, deployed in non-production stages only, as the stub
 * payment provider is: its own request queue (with its DLQ) and a function answering each request on the
 * queue the request names (`replyTo`). It may send only where `allowRepliesTo` says: a requester's queue.
 * Its test behaviours (silent, slow, duplicating) are chosen per request by the recipient's name.
 */
export class Carrier extends Construct {
  readonly labelDesk: QueueConsumer;
  /** Where label requests go. */
  readonly requests: sqs.IQueue;

  constructor(scope: Construct, id: string, props: CarrierProps) {
    super(scope, id);
    this.labelDesk = new QueueConsumer(this, 'LabelDesk', {
      config: props.config,
      service: 'carrier',
      handler: 'answer-requests',
      description: 'Stub carrier: answers label requests on their replyTo queue',
      deadLetterPurpose: 'label requests the stub carrier could not answer',
      environment: { [CARRIER_ENV.slowReplyDelaySeconds]: String(props.slowReplyDelaySeconds) },
    });
    this.requests = this.labelDesk.queue;
  }

  /** The carrier may answer on `queue`, and on no other (exactly SendMessage: no reading, no URL lookups). */
  allowRepliesTo(queue: sqs.IQueue): void {
    this.labelDesk.function.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
  }
}
