import { STAGE_NAMES } from '../../lib/config/stage-config';
import { gatewayResponsesOf, HOSTILE_PATHS, renderGatewayError } from '../helpers/gateway-response-render';
import { logicalIdOf, shopTemplates } from '../helpers/shop-templates';

/**
 * The REST APIs other than the public one (the customers internal API, the stub payment provider's) keep
 * API Gateway's own error bodies, which never hold request text (the message is escaped by API Gateway),
 * and get the security headers on every one of them.
 */
describe.each(STAGE_NAMES)('gateway responses of the service APIs (%s)', (stage) => {
  const { customers, payments, stacks } = shopTemplates(stage);
  const apis = [
    ['customers internal API', customers, logicalIdOf(stacks.customers.customers.internalApi.api)],
    ...(stacks.payments.provider
      ? [['payment provider API', payments, logicalIdOf(stacks.payments.provider.api)] as const]
      : []),
  ] as const;

  it.each(apis)(
    '%s: only the catch-alls, headers only (no template, no status override)',
    (_, template, api) => {
      const responses = gatewayResponsesOf(template, api);
      expect([...responses.keys()].sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
      for (const properties of responses.values()) {
        expect(properties).toEqual({
          RestApiId: expect.anything(),
          ResponseType: expect.any(String),
          ResponseParameters: { 'gatewayresponse.header.X-Content-Type-Options': "'nosniff'" },
        });
      }
    },
  );

  it.each(
    apis.flatMap(([name, template, api]) =>
      ['MISSING_AUTHENTICATION_TOKEN', 'ACCESS_DENIED', 'BAD_REQUEST_BODY', 'THROTTLED', 'DEFAULT_5XX'].map(
        (type) => [name, type, template, api] as const,
      ),
    ),
  )('%s: %s keeps its status and JSON body, nosniff, for hostile paths', (_, type, template, api) => {
    for (const path of HOSTILE_PATHS) {
      const rendered = renderGatewayError(gatewayResponsesOf(template, api), type, path);
      expect(JSON.parse(rendered.body)).toEqual({ message: expect.any(String) });
      expect(rendered.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(rendered.body).not.toContain(path.slice('/v1/'.length));
    }
  });
});
