import type { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { STAGES, type StageName } from '../../lib/config/stage-config';
import { type InternalApi, internalApiExportName } from '../../lib/constructs/internal-api';
import { logicalIdOf, renderString, resourceOf, resourcePathOf, resourcesOfType } from './shop-templates';

export interface ExpectedRoute {
  readonly method: string;
  readonly path: string;
  readonly operationName: string;
  readonly handler: IFunction;
}

/**
 * The tests every service's internal API must pass: exactly its routes, each answered by its function
 * with its path parameters required, IAM authorization on every method, a 5XX alarm, and its id
 * exported under the fixed name its callers import. Call inside a `describe`.
 */
export function expectInternalApi(
  stage: StageName,
  template: Template,
  service: string,
  internalApi: InternalApi,
  routes: readonly ExpectedRoute[],
): void {
  const api = logicalIdOf(internalApi.api);
  const methods = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(
    ([, method]) => JSON.stringify(method.Properties.RestApiId) === JSON.stringify({ Ref: api }),
  );

  it('answers exactly its routes, each with its function and its path parameters required', () => {
    const served = methods.map(([, method]) => ({
      method: method.Properties.HttpMethod,
      path: resourcePathOf(template, method.Properties.ResourceId),
      operationName: method.Properties.OperationName,
      parameters: method.Properties.RequestParameters,
      integration: JSON.stringify(method.Properties.Integration),
    }));
    expect(served.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      routes.map(({ method, path }) => `${method} ${path}`).sort(),
    );
    for (const route of routes) {
      const method = served.find((m) => m.method === route.method && m.path === route.path);
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [
        `method.request.path.${m[1]}`,
        true,
      ]);
      expect(method).toMatchObject({
        operationName: route.operationName,
        parameters: Object.fromEntries(parameters),
      });
      expect(method?.integration).toContain(logicalIdOf(route.handler));
    }
  });

  it('requires IAM authorization (SigV4) on every method: no anonymous caller gets in', () => {
    expect(methods.length).toBeGreaterThan(0);
    for (const [, method] of methods) expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('raises an alarm on server errors (5XX) at the stage threshold', () => {
    const apiName = resourceOf(template, api).Properties.Name;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'ApiName', Value: apiName }],
      Threshold: STAGES[stage].alarms.api5xxPerPeriod,
    });
  });

  it('exports its id under the fixed name its callers import, and its URL as an output', () => {
    const outputs = template.toJSON().Outputs as Record<
      string,
      { Value: unknown; Export?: { Name: string } }
    >;
    const key = service.replace(/(?:^|-)(\w)/g, (_, first: string) => first.toUpperCase());
    expect(outputs[`${key}InternalApiId`]).toEqual({
      Description: expect.any(String),
      Value: { Ref: api },
      Export: { Name: internalApiExportName(STAGES[stage], service) },
    });
    const url = renderString(outputs[`${key}InternalApiUrl`]?.Value);
    const apiStage = /\/\$\{(\w+)\}\/$/.exec(url)?.[1] ?? '';
    expect(url).toBe(`https://\${${api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${${apiStage}}/`);
    expect(resourceOf(template, apiStage).Properties.StageName).toBe('internal');
  });
}
