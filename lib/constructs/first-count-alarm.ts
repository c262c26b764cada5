import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../lambdas/shared/metrics-namespace';

export interface FirstCountAlarmProps {
  /** What happened and where an operator looks first. */
  readonly description: string;
  /** A count one of the service's functions writes (Powertools Metrics, EMF). */
  readonly metricName: string;
  /** The writer's POWERTOOLS_SERVICE_NAME, the dimension Powertools adds. */
  readonly service: string;
}

/**
 * An alarm on the first of something that should never happen unnoticed (an order past its deadline, a
 * label the carrier never gave), counted by a function in the shop's namespace: any count in five minutes
 * raises it, no count is not a breach. The alarm topic's aspect gives it its actions.
 */
export function firstCountAlarm(scope: Construct, id: string, props: FirstCountAlarmProps): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: props.description,
    metric: new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: props.metricName,
      dimensionsMap: { service: props.service },
      period: Duration.minutes(5),
      statistic: 'Sum',
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}
