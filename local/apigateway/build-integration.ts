import { functionArnFromUri } from './lambda-uri';
import { isRecord, numberProp, type Properties, stringMapProp, stringProp } from './resource-properties';
import type { IntegrationModel, IntegrationResponseModel } from './rest-api-model';

/** VTL directives or `$input`/`$util` references: a template that needs the Velocity engine to render. */
const VTL = /#(set|if|foreach|else|end)\b|\$input\.|\$util\./;

/**
 * The integration of one method, from the resolved `Integration` property. What the emulator cannot honour
 * is reported through `warn`; the method then answers with a 500 (API_CONFIGURATION_ERROR) at run time.
 */
export function buildIntegration(props: Properties, warn: (message: string) => void): IntegrationModel {
  if (!isRecord(props.Integration)) {
    warn('has no Integration; requests to it get a 500');
    return { type: 'UNSUPPORTED', description: 'no integration' };
  }
  const integration = props.Integration;
  const type = stringProp(integration, 'Type') ?? '';
  const uri = stringProp(integration, 'Uri');
  switch (type) {
    case 'AWS_PROXY':
      return lambdaProxy(integration, uri, warn);
    case 'MOCK':
      return mock(integration, warn);
    default: {
      const target = functionArnFromUri(uri)
        ? 'Lambda without proxy (mapping templates)'
        : (uri ?? stringProp(integration, 'IntegrationTarget') ?? 'no Uri');
      warn(
        `has an integration of type ${type} (${target}) that the local cloud does not run; requests get a 500`,
      );
      return { type: 'UNSUPPORTED', description: `${type} integration` };
    }
  }
}

function lambdaProxy(
  integration: Properties,
  uri: string | undefined,
  warn: (m: string) => void,
): IntegrationModel {
  const functionArn = functionArnFromUri(uri);
  if (!functionArn) {
    warn(
      `has an AWS_PROXY integration whose Uri is not a Lambda function (${uri ?? 'none'}); requests get a 500`,
    );
    return { type: 'UNSUPPORTED', description: 'AWS_PROXY to a non-Lambda target' };
  }
  // A proxy integration passes the request through untouched: API Gateway itself ignores most of these,
  // but their presence means the author expected something the emulator will not do.
  for (const ignored of ['RequestTemplates', 'IntegrationResponses', 'RequestParameters'] as const) {
    const value = integration[ignored];
    if ((Array.isArray(value) && value.length > 0) || (isRecord(value) && Object.keys(value).length > 0)) {
      warn(`sets Integration.${ignored} on a Lambda proxy integration; the local cloud ignores it`);
    }
  }
  const contentHandling = stringProp(integration, 'ContentHandling');
  if (contentHandling)
    warn(`sets Integration.ContentHandling=${contentHandling}; the local cloud ignores it`);
  const timeoutMs = numberProp(integration, 'TimeoutInMillis');
  return { type: 'AWS_PROXY', functionArn, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}

function mock(integration: Properties, warn: (m: string) => void): IntegrationModel {
  const requestTemplates = stringMapProp(integration, 'RequestTemplates');
  const rawResponses = Array.isArray(integration.IntegrationResponses)
    ? integration.IntegrationResponses
    : [];
  const integrationResponses: IntegrationResponseModel[] = rawResponses.filter(isRecord).map((response) => {
    const selectionPattern = stringProp(response, 'SelectionPattern');
    const responseTemplates = stringMapProp(response, 'ResponseTemplates');
    for (const [contentType, template] of Object.entries(responseTemplates)) {
      if (VTL.test(template)) {
        warn(`has a MOCK response template (${contentType}) with VTL; the local cloud returns it unrendered`);
      }
    }
    for (const [header, source] of Object.entries(stringMapProp(response, 'ResponseParameters'))) {
      if (!/^'.*'$/s.test(source) && !source.startsWith('method.request.')) {
        warn(
          `maps ${header} from ${source} in a MOCK response; only static values and method.request.* are supported`,
        );
      }
    }
    return {
      statusCode: stringProp(response, 'StatusCode') ?? '200',
      ...(selectionPattern === undefined || selectionPattern === '' ? {} : { selectionPattern }),
      responseParameters: stringMapProp(response, 'ResponseParameters'),
      responseTemplates,
    };
  });
  for (const [contentType, template] of Object.entries(requestTemplates)) {
    if (VTL.test(template))
      warn(`has a MOCK request template (${contentType}) with VTL; only its statusCode is read`);
  }
  return { type: 'MOCK', requestTemplates, integrationResponses };
}
