import {
  CallbackUrlRefused,
  checkCallbackUrl,
  type ResolveHost,
} from '../../../lambdas/shared/http/callback-url-guard';

/** DNS as a test wants it: each name to its addresses; any other name does not resolve. */
const dns =
  (records: Record<string, string[]>): ResolveHost =>
  async (hostname) => {
    const found = records[hostname] ?? (/^[\d.]+$|:/.test(hostname) ? [hostname] : undefined);
    if (found === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };

const resolve = dns({
  'hooks.example': ['93.184.216.34'],
  'dual.example': ['93.184.216.34', '2606:4700:4700::1111'],
  'internal.example': ['10.0.0.7'],
  'sneaky.example': ['93.184.216.34', '169.254.169.254'],
  'v6-local.example': ['fe80::1'],
  'nothing.example': [],
});

describe('callback URLs outside the local stage (public-https: the SSRF guard on)', () => {
  const check = (url: string) => checkCallbackUrl(url, 'public-https', resolve);

  it.each([
    'https://hooks.example/orders',
    'https://dual.example:8443/hook?x=1',
    'https://93.184.216.34/hook',
  ])('accepts %s', async (url) => {
    await expect(check(url)).resolves.toBeUndefined();
  });

  it.each([
    ['plain http', 'http://hooks.example/orders', /https/],
    ['a private host', 'https://internal.example/hook', /private address \(10\.0\.0\.7\)/],
    ['one metadata address among public ones', 'https://sneaky.example/hook', /metadata/],
    ['an IPv6 link-local host', 'https://v6-local.example/hook', /link-local/],
    ['a loopback literal', 'https://127.0.0.1/hook', /loopback/],
    ['an IPv6 loopback literal', 'https://[::1]/hook', /loopback/],
    ['the metadata service itself', 'https://169.254.169.254/latest/meta-data/', /metadata/],
    ['a mapped private literal', 'https://[::ffff:192.168.0.1]/hook', /private/],
    ['a name that does not resolve', 'https://missing.example/hook', /does not resolve/],
    ['a name with no addresses', 'https://nothing.example/hook', /does not resolve/],
    ['credentials in the URL', 'https://user:pw@hooks.example/hook', /credentials/],
    ['not a URL', 'hooks.example/hook', /not a URL/],
  ])('refuses %s', async (_, url, why) => {
    await expect(check(url)).rejects.toThrow(CallbackUrlRefused);
    await expect(check(url)).rejects.toThrow(why);
  });
});

describe('callback URLs on the local stage', () => {
  const check = (url: string) => checkCallbackUrl(url, 'local', dns({}));

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]:9000/hook',
    'https://anything.example/hook',
  ])('accepts %s (a developer receiver, or https anywhere)', async (url) => {
    await expect(check(url)).resolves.toBeUndefined();
  });

  it.each(['http://example.com/hook', 'http://10.0.0.1/hook', 'ftp://127.0.0.1/hook'])(
    'refuses %s: plain http leaves this machine only as https',
    async (url) => {
      await expect(check(url)).rejects.toThrow(CallbackUrlRefused);
    },
  );
});
