import { GatewayError } from './gateway-error';
import type { HttpResult } from './http-result';
import type { IncomingApiRequest } from './incoming-request';
import type { IntegrationModel } from './rest-api-model';

type MockIntegration = Extract<IntegrationModel, { type: 'MOCK' }>;

/** The `statusCode` a MOCK request template asks for (`{"statusCode": 200}`); 200 without one. */
function requestedStatus(integration: MockIntegration, mediaType: string | undefined): string {
  const templates = integration.requestTemplates;
  const template =
    templates[mediaType ?? 'application/json'] ??
    templates['application/json'] ??
    Object.values(templates)[0];
  return /["']?statusCode["']?\s*:\s*["']?(\d{3})/.exec(template ?? '')?.[1] ?? '200';
}

/** `'static'` or a request value; undefined leaves the header out. */
function mappedValue(source: string, request: IncomingApiRequest): string | undefined {
  const quoted = /^'(.*)'$/s.exec(source);
  if (quoted) return quoted[1];
  const [, kind, name = ''] = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(source) ?? [];
  if (kind === 'header') return request.header(name);
  if (kind === 'querystring') return request.queryParameter(name);
  if (kind === 'path') return request.pathParameter(name);
  return undefined;
}

/**
 * A MOCK integration (CDK's CORS preflight is one): the request template's `statusCode` selects the
 * integration response (by SelectionPattern, else the default one), whose status code, header mappings and
 * template body make up the response. Templates are returned as written (no VTL).
 */
export function runMock(integration: MockIntegration, request: IncomingApiRequest): HttpResult {
  const status = requestedStatus(integration, request.mediaType);
  const responses = integration.integrationResponses;
  const response =
    responses.find(
      (candidate) =>
        candidate.selectionPattern && new RegExp(`^(?:${candidate.selectionPattern})$`).test(status),
    ) ?? responses.find((candidate) => candidate.selectionPattern === undefined);
  if (!response) throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');

  const headers: Array<[string, string]> = [];
  for (const [key, source] of Object.entries(response.responseParameters)) {
    const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    const value = name ? mappedValue(source, request) : undefined;
    if (name && value !== undefined) headers.push([name, value]);
  }
  const template =
    response.responseTemplates['application/json'] ?? Object.values(response.responseTemplates)[0] ?? '';
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.unshift(['Content-Type', 'application/json']);
  return { statusCode: Number(response.statusCode), headers, body: Buffer.from(template, 'utf8') };
}
