import { localizeOutputs, localizeUrls } from '../../../cloud/outputs';

/** AWS URLs in outputs and function environments pointed at their local stand-ins. */
const addresses = {
  apis: [{ apiId: 'abc123', localBaseUrl: 'http://127.0.0.1:4567' }],
  userPoolDomains: [
    { prefix: 'shop', localBaseUrl: 'http://127.0.0.1:4566/cognito/shop' },
    { prefix: 'shop-admin', localBaseUrl: 'http://127.0.0.1:4566/cognito/shop-admin' },
  ],
};
const localize = localizeUrls(addresses, 'us-east-1', 'amazonaws.com');

describe('local URLs', () => {
  it('point a user pool domain, in whatever region CDK wrote, at its path on the endpoint', () => {
    expect(localize('https://shop.auth.us-east-1.amazoncognito.com/oauth2/token')).toBe(
      'http://127.0.0.1:4566/cognito/shop/oauth2/token',
    );
    expect(localize('https://shop-admin.auth.eu-west-1.amazoncognito.com')).toBe(
      'http://127.0.0.1:4566/cognito/shop-admin',
    );
    expect(localize('https://other.auth.us-east-1.amazoncognito.com')).toBe(
      'https://other.auth.us-east-1.amazoncognito.com',
    );
  });

  it("point a WebSocket API's wss:// addresses at its ws:// listener and its management URL at its http:// one", () => {
    expect(localize('wss://abc123.execute-api.us-east-1.amazonaws.com/dev')).toBe('ws://127.0.0.1:4567/dev');
    expect(localize('wss://abc123.execute-api.us-east-1.amazonaws.com')).toBe('ws://127.0.0.1:4567');
    expect(localize('https://abc123.execute-api.us-east-1.amazonaws.com/dev')).toBe(
      'http://127.0.0.1:4567/dev',
    );
    expect(localize('wss://other99.execute-api.us-east-1.amazonaws.com/dev')).toBe(
      'wss://other99.execute-api.us-east-1.amazonaws.com/dev',
    );
  });

  it('keep the issuer as AWS writes it: tokens carry it and verifiers compare it', () => {
    const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xYz';
    expect(localize(issuer)).toBe(issuer);
  });

  it('rewrite every value of every stack`s outputs, execute-api URLs included', () => {
    expect(
      localizeOutputs(
        {
          S: {
            Api: 'https://abc123.execute-api.us-east-1.amazonaws.com/v1/',
            Token: 'https://shop.auth.us-east-1.amazoncognito.com/oauth2/token',
          },
        },
        addresses,
        'us-east-1',
        'amazonaws.com',
      ),
    ).toEqual({
      S: { Api: 'http://127.0.0.1:4567/v1/', Token: 'http://127.0.0.1:4566/cognito/shop/oauth2/token' },
    });
  });
});
