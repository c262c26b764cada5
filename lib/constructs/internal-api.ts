import { Aws, CfnOutput, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { nagArnPrefix } from './nag-findings';
import { observedRestApi, serverErrorsAlarm } from './rest-api-defaults';

export interface InternalApiProps {
  readonly config: StageConfig;
  /** The owning service, as in `lambdas/<service>/`: names the API, its output and its export. */
  readonly service: string;
  readonly description: string;
}

/** The stage of every internal API. */
export const INTERNAL_API_STAGE = 'internal';

/**
 * A service's API for other services: every method requires IAM authorization (SigV4), so a caller gets
 * in only with an `execute-api:Invoke` grant on that very method (`InternalApiReference.grantInvoke`).
 * Clients use the edge's public API; this one carries the synchronous service-to-service calls, so no
 * service reads another's tables. Regional rather than private: a private API would need a VPC and an
 * endpoint for every caller, and IAM already proves who calls.
 *
 * Its id is exported under a fixed name (`internalApiExportName`), which callers in other stacks import:
 * the dependency is stated, not generated, and the one wildcard of the grant (path parameters) can be
 * acknowledged by its exact finding id.
 */
export class InternalApi extends Construct {
  readonly api: apigw.RestApi;
  private readonly validator: apigw.RequestValidator;

  constructor(scope: Construct, id: string, props: InternalApiProps) {
    super(scope, id);
    const { config, service } = props;
    const { api, validator } = observedRestApi(this, config, {
      restApiName: `${config.stackPrefix}-${service}-internal`,
      description: props.description,
      stageName: INTERNAL_API_STAGE,
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    this.api = api;
    this.validator = validator;
    // Callers see a failing service as their own 503s; this says which service it is.
    serverErrorsAlarm(this, this.api, config, `The ${service} internal API answers with server errors (5XX)`);
    new CfnOutput(this, 'Id', {
      key: `${pascalCase(service)}InternalApiId`,
      value: this.api.restApiId,
      exportName: internalApiExportName(config, service),
      description: `Id of the ${service} service's internal API, imported by the services that call it`,
    });
    new CfnOutput(this, 'Url', {
      key: `${pascalCase(service)}InternalApiUrl`,
      value: this.api.url,
      description: `Base URL of the ${service} service's internal API (IAM-authorized, SigV4)`,
    });
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-COG4',
        reason: 'Service-to-service API: callers are Lambda roles authorized by IAM (SigV4), not users.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'Only SigV4-signed calls from granted roles get past IAM authorization; a WAF adds nothing.',
      },
    );
  }

  /** A route of the service's contract, answered by `handler`; its path parameters are required. */
  addRoute(route: InternalRoute, handler: lambda.IFunction, operationName: string): void {
    const { method, path } = route;
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => `method.request.path.${m[1]}`);
    this.api.root.resourceForPath(path).addMethod(method, new apigw.LambdaIntegration(handler), {
      operationName,
      requestValidator: this.validator,
      requestParameters: Object.fromEntries(parameters.map((name) => [name, true])),
    });
  }
}

/** The name a service's internal API id is exported under, per stage. */
export function internalApiExportName(config: StageConfig, service: string): string {
  return `${config.stackPrefix}-${pascalCase(service)}InternalApiId`;
}

/** A route as each service's contract names it (`ORDERS_INTERNAL_ROUTES.getOrder`, ...). */
export interface InternalRoute {
  readonly method: string;
  /** With path parameters in braces: `/orders/{orderId}`. */
  readonly path: string;
}

/** A service's internal API as seen from another stack. */
export interface InternalApiReference {
  /** Base URL of the stage (ends with a slash). */
  readonly url: string;
  /** Lets `grantee` call this route (path parameters as `*`), and nothing else of the API. */
  grantInvoke(grantee: lambda.IFunction, route: InternalRoute): void;
}

/**
 * Another service's internal API, through its export: the caller's stack must be deployed after the
 * service's (state it with `addDependency`).
 */
export function importInternalApi(config: StageConfig, service: string): InternalApiReference {
  const exportName = internalApiExportName(config, service);
  const apiId = Fn.importValue(exportName);
  return {
    url: `https://${apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${INTERNAL_API_STAGE}/`,
    grantInvoke(grantee, { method, path }) {
      const resourceName = `${INTERNAL_API_STAGE}/${method}${path.replace(/\{\w+\}/g, '*')}`;
      const stack = Stack.of(grantee);
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['execute-api:Invoke'],
        resourceArns: [stack.formatArn({ service: 'execute-api', resource: apiId, resourceName })],
      });
      // Only a path with parameters has a wildcard for cdk-nag to find.
      if (grantee.role && resourceName.includes('*')) {
        Validations.of(grantee.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${nagArnPrefix(stack, 'execute-api')}:${exportName}/${resourceName}]`,
          reason: `Invoking one method of the ${service} internal API; the wildcard stands for its path parameters only.`,
        });
      }
    },
  };
}

function pascalCase(name: string): string {
  return name.replace(/(?:^|-)(\w)/g, (_, first: string) => first.toUpperCase());
}
