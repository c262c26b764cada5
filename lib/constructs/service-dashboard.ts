import { Duration } from 'aws-cdk-lib';
import type { IWebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { DefaultDashboardFactory, MonitoringFacade } from 'cdk-monitoring-constructs';
import { Construct, type IConstruct } from 'constructs';
import { METRICS_NAMESPACE } from '../../lambdas/shared/metrics-namespace';
import type { StageConfig } from '../config/stage-config';

export interface ServiceDashboardProps {
  readonly config: StageConfig;
  /** The service it shows (`orders`): names the dashboard `<stack prefix>-<service>`. */
  readonly service: string;
  /**
   * Circuit breakers the service's functions run, whose transitions get a graph: their `name`s, and the
   * Powertools service name of those functions (the metric's `service` dimension).
   */
  readonly breakers?: { readonly powertoolsService: string; readonly names: readonly string[] };
  /**
   * WebSocket API stages the service serves: connections, messages, errors and integration latency (the
   * library's API Gateway v2 monitoring knows HTTP APIs only).
   */
  readonly webSocketStages?: readonly IWebSocketStage[];
  /** The construct whose resources it shows: the service's L3 construct. */
  readonly of: IConstruct;
}

/**
 * Kinds the shop has none of (the aspect would still add account-wide widgets for some: billing, EC2,
 * ElastiCache), and SNS, whose only topic is the alarm topic itself.
 */
const NOT_HERE = [
  'acm',
  'apiGatewayV2',
  'appSync',
  'auroraCluster',
  'autoScalingGroup',
  'billing',
  'cloudFront',
  'codeBuild',
  'documentDb',
  'ec2',
  'elasticCache',
  'fargateService',
  'fargateLoadBalancedService',
  'queueProcessingFargateService',
  'glue',
  'kinesisDataAnalytics',
  'kinesisDataStream',
  'kinesisDataStreamConsumer',
  'kinesisFirehose',
  'openSearch',
  'rds',
  'rdsCluster',
  'rdsInstance',
  'redshift',
  's3',
  'secretsManager',
  'sns',
  'syntheticsCanaries',
  'webApplicationFirewallAclV2',
] as const;

/** The namespace and metric the shared breaker's observer writes each transition as (EMF). */
const BREAKER_TRANSITION_METRIC = 'CircuitBreakerTransition';

/**
 * One CloudWatch dashboard per service, built by cdk-monitoring-constructs from whatever the service's
 * stack holds (its APIs' latency and 5XX, its functions' errors, duration and throttles, its queues'
 * depth and age and its dead-letter queues', its tables, its state machines' failures), plus the
 * transitions of the circuit breakers it runs. The alarms are the service's own (each construct makes
 * the ones that matter); this adds none, so that no alarm exists twice.
 */
export class ServiceDashboard extends Construct {
  readonly monitoring: MonitoringFacade;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { config, service } = props;
    const name = `${config.stackPrefix}-${service}`;
    this.monitoring = new MonitoringFacade(this, 'Monitoring', {
      alarmFactoryDefaults: { alarmNamePrefix: name, actionsEnabled: true },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: name,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
        detailDashboardRange: Duration.hours(8),
      }),
    });
    this.monitoring.monitorScope(props.of, {
      ...Object.fromEntries(NOT_HERE.map((kind) => [kind, { enabled: false }])),
      lambda: { enabled: true },
      apiGateway: { enabled: true },
      sqs: { enabled: true },
      dynamoDB: { enabled: true },
      stepFunctions: { enabled: true },
    });
    for (const stage of props.webSocketStages ?? []) this.monitorWebSocketStage(stage);
    for (const breaker of props.breakers?.names ?? []) {
      this.monitoring.monitorCustom({
        humanReadableName: `Circuit breaker ${breaker}`,
        alarmFriendlyName: `breaker-${breaker}`,
        metricGroups: [
          {
            title: 'Transitions (to OPEN, HALF_OPEN, CLOSED)',
            metrics: ['OPEN', 'HALF_OPEN', 'CLOSED'].map(
              (to) =>
                new cloudwatch.Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName: BREAKER_TRANSITION_METRIC,
                  dimensionsMap: { service: props.breakers?.powertoolsService ?? service, breaker, to },
                  statistic: 'Sum',
                  label: `to ${to}`,
                }),
            ),
          },
        ],
      });
    }
  }

  /** API Gateway's own metrics of a WebSocket stage (namespace AWS/ApiGateway, dimensions ApiId and Stage). */
  private monitorWebSocketStage(stage: IWebSocketStage): void {
    const sum = (metricName: string, label: string) =>
      stage.metric(metricName, { statistic: 'Sum', label, period: Duration.minutes(5) });
    this.monitoring.monitorCustom({
      humanReadableName: `WebSocket API, stage ${stage.stageName}`,
      alarmFriendlyName: `websocket-${stage.stageName}`,
      metricGroups: [
        {
          title: 'Connections and messages',
          metrics: [sum('ConnectCount', 'connects'), sum('MessageCount', 'messages (both ways)')],
        },
        {
          title: 'Errors',
          metrics: [
            sum('ClientError', 'refused before the integration (4XX)'),
            sum('IntegrationError', 'integration answered 4XX/5XX'),
            sum('ExecutionError', 'integration call failed'),
          ],
        },
        {
          title: 'Integration latency (ms)',
          metrics: ['p50', 'p99'].map((statistic) =>
            stage.metric('IntegrationLatency', { statistic, label: statistic, period: Duration.minutes(5) }),
          ),
        },
      ],
    });
  }
}
