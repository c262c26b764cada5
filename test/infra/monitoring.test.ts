import { BACKENDS, backendBreaker } from '../../lambdas/bff/contract';
import { PROVIDER_BREAKER } from '../../lambdas/payments/contract';
import { METRICS_NAMESPACE, PAST_DEADLINE_METRIC } from '../../lambdas/saga/contract';
import { STAGE_NAMES, STAGES } from '../../lib/config/stage-config';
import { alarmTopicName } from '../../lib/constructs/alarm-topic';
import {
  type CfnResourceJson,
  logicalIdOf,
  renderString,
  resourcesOfType,
  shopTemplates,
} from '../helpers/shop-templates';

describe.each(STAGE_NAMES)('dashboards and alarms (%s)', (stage) => {
  const config = STAGES[stage];
  const templates = shopTemplates(stage);
  const { events, apps, payments, saga } = templates;
  const serviceStacks = {
    orders: templates.orders,
    inventory: templates.inventory,
    customers: templates.customers,
    payments,
    shipping: templates.shipping,
    saga,
    edge: templates.edge,
    apps,
    push: templates.push,
  };
  const topicArn = `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${alarmTopicName(config)}`;

  it("keeps one alarm topic for the stage, with the bus: encrypted with SNS's key, TLS only", () => {
    const topics = resourcesOfType(events, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0] as (typeof topics)[number];
    expect(topic.Properties).toMatchObject({ TopicName: alarmTopicName(config) });
    expect(renderString(topic.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    events.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Principal: '*',
          },
        ],
      },
    });
  });

  it('wires every alarm of every stack to that topic, on alarm and back to OK', () => {
    const alarms = Object.values(templates)
      .filter((template) => typeof template === 'object' && template !== null && 'findResources' in template)
      .flatMap((template) => resourcesOfType(template as typeof events, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(40);
    for (const [alarmId, alarm] of alarms) {
      const actions = (list: unknown) => (list as unknown[] | undefined)?.map(renderString);
      expect({
        alarmId,
        on: actions(alarm.Properties.AlarmActions),
        ok: actions(alarm.Properties.OKActions),
      }).toEqual({
        alarmId,
        on: [topicArn],
        ok: [topicArn],
      });
    }
  });

  it('keeps the saga-level alarms: executions failed or compensation failed, and orders past their deadline', () => {
    const alarms = new Map(resourcesOfType(saga, 'AWS::CloudWatch::Alarm'));
    const failed = JSON.stringify(
      alarms.get(logicalIdOf(templates.stacks.saga.saga.failedAlarm))?.Properties,
    );
    expect(failed).toContain('ExecutionsFailed');
    expect(failed).toContain('ExecutionsTimedOut');
    const pastDeadline = alarms.get(logicalIdOf(templates.stacks.saga.saga.pastDeadlineAlarm))?.Properties;
    expect(pastDeadline).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: PAST_DEADLINE_METRIC,
      Threshold: 1,
    });
  });

  describe.each(Object.keys(serviceStacks))('the %s dashboard', (service) => {
    const template = serviceStacks[service as keyof typeof serviceStacks];
    const dashboards = resourcesOfType(template, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboards[0]?.[1].Properties.DashboardBody);

    it('is the one dashboard of its stack, named after the service and stage', () => {
      expect(dashboards).toHaveLength(1);
      expect(dashboards[0]?.[1].Properties.DashboardName).toBe(`${config.stackPrefix}-${service}`);
    });

    it("shows every function, queue, API and state machine of the service's stack", () => {
      const types = ['AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::StepFunctions::StateMachine'];
      // The stub payment provider and the stub carrier stand for third parties: not the service's to watch.
      const ours = ([, resource]: [string, CfnResourceJson]) =>
        !/\/(PaymentProvider|Carrier)\//.test(String(resource.Metadata?.['aws:cdk:path']));
      const shown = types
        .flatMap((type) => resourcesOfType(template, type))
        .filter(ours)
        .map(([id]) => id);
      expect(shown.length + resourcesOfType(template, 'AWS::ApiGateway::RestApi').length).toBeGreaterThan(0);
      for (const id of shown)
        expect({ id, shown: body.includes(id) }).toEqual({
          id,
          shown: true,
        });
      for (const [, api] of resourcesOfType(template, 'AWS::ApiGateway::RestApi').filter(ours)) {
        expect(body).toContain(String(api.Properties.Name));
      }
      if (resourcesOfType(template, 'AWS::ApiGateway::RestApi').length > 0)
        expect(body).toContain('5XXError');
      if (shown.some((id) => resourcesOfType(template, 'AWS::Lambda::Function').some(([f]) => f === id))) {
        for (const metric of ['Errors', 'Duration', 'Throttles']) expect(body).toContain(metric);
      }
    });
  });

  it('graphs the transitions of the breakers each service runs', () => {
    const bodyOf = (template: typeof apps) =>
      JSON.stringify(
        resourcesOfType(template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties.DashboardBody,
      );
    for (const breaker of BACKENDS.map(backendBreaker)) {
      expect(bodyOf(apps)).toMatch(new RegExp(`CircuitBreakerTransition[^\\]]*breaker[^\\]]*${breaker}`));
    }
    expect(bodyOf(payments)).toMatch(
      new RegExp(`CircuitBreakerTransition[^\\]]*breaker[^\\]]*${PROVIDER_BREAKER}`),
    );
  });

  it("graphs the push WebSocket API's connections, messages, errors and integration latency, by its ApiId and stage", () => {
    const { push } = templates;
    const body = renderString(
      resourcesOfType(push, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties.DashboardBody,
    );
    const apiId = logicalIdOf(templates.stacks.push.push.api);
    const stageName = templates.stacks.push.push.stage.stageName;
    for (const metric of [
      'ConnectCount',
      'MessageCount',
      'ClientError',
      'IntegrationError',
      'ExecutionError',
    ]) {
      expect(body).toContain(
        `["AWS/ApiGateway","${metric}","ApiId","\${${apiId}}","Stage","${stageName}",{"label"`,
      );
    }
    for (const statistic of ['p50', 'p99']) {
      expect(body).toMatch(
        new RegExp(
          `"IntegrationLatency","ApiId","\\$\{${apiId}}","Stage","${stageName}",{[^}]*"stat":"${statistic}"`,
        ),
      );
    }
  });

  it('graphs state machine failures on the saga dashboard', () => {
    const body = JSON.stringify(
      resourcesOfType(saga, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties.DashboardBody,
    );
    expect(body).toContain('ExecutionsFailed');
  });
});
