import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { BACKENDS, backendBreaker } from '../../lambdas/bff/contract';
import type { StageConfig } from '../config/stage-config';
import { ServiceDashboard } from '../constructs/service-dashboard';
import { AppBackends } from '../services/apps/app-backends';

export interface AppsStackProps extends StackProps {
  readonly config: StageConfig;
  readonly userPool: cognito.IUserPool;
}

/** The shop's own apps' backends: the web and mobile BFFs, deployed after the services they call. */
export class AppsStack extends Stack {
  readonly apps: AppBackends;

  constructor(scope: Construct, id: string, props: AppsStackProps) {
    super(scope, id, props);
    this.apps = new AppBackends(this, 'Apps', { config: props.config, userPool: props.userPool });
    new ServiceDashboard(this, 'Dashboard', {
      config: props.config,
      service: 'apps',
      of: this.apps,
      breakers: { powertoolsService: 'bff', names: BACKENDS.map(backendBreaker) },
    });
  }
}
