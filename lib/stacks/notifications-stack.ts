import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { WebhookNotifications } from '../services/notifications/webhook-notifications';

export interface NotificationsStackProps extends StackProps {
  readonly config: StageConfig;
  readonly bus: IEventBus;
  readonly callbackSigningKey: ISecret;
}

export class NotificationsStack extends Stack {
  readonly notifications: WebhookNotifications;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    this.notifications = new WebhookNotifications(this, 'Notifications', {
      config: props.config,
      bus: props.bus,
      callbackSigningKey: props.callbackSigningKey,
    });
    new ServiceDashboard(this, 'Dashboard', {
      config: props.config,
      service: 'notifications',
      of: this.notifications,
    });
  }
}
