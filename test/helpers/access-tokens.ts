/**
 * OAuth 2.0 access tokens for the public API, as any client gets them: the client-credentials grant at the
 * user pool's token endpoint (`PublicApiTokenUrl`), with the client's id and secret in HTTP Basic
 * authentication. Tokens are reused until a minute before they expire, one per set of scopes asked for
 * (none asked: every scope the client has).
 */
export class AccessTokens {
  private readonly cache = new Map<string, Promise<{ token: string; expiresAt: number }>>();

  constructor(
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async get(scopes: readonly string[] = []): Promise<string> {
    const key = [...scopes].sort().join(' ');
    const cached = this.cache.get(key);
    if (cached) {
      const { token, expiresAt } = await cached;
      if (expiresAt - 60_000 > Date.now()) return token;
    }
    const fetched = this.fetchToken(key);
    this.cache.set(key, fetched);
    // A failed fetch is not kept: the next caller asks again.
    fetched.catch(() => this.cache.delete(key));
    return (await fetched).token;
  }

  private async fetchToken(scope: string): Promise<{ token: string; expiresAt: number }> {
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`The token endpoint answered ${response.status}: ${body}`);
    const { access_token: token, expires_in: expiresIn } = JSON.parse(body) as {
      access_token: string;
      expires_in: number;
    };
    return { token, expiresAt: Date.now() + expiresIn * 1000 };
  }
}

type Outputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The one output of that name across all stacks, or undefined. */
export function findOutput(outputs: Outputs, key: string): string | undefined {
  return Object.values(outputs).find((stack) => stack[key] !== undefined)?.[key];
}

/** An output the shop always has (`PublicApiUrl`...): its value, or an error naming the missing key. */
export function requireOutput(outputs: Outputs, key: string): string {
  const value = findOutput(outputs, key);
  if (value === undefined) throw new Error(`The deployment has no ${key} output.`);
  return value;
}

/**
 * The test client of a deployed shop, from its outputs. The `local` stage writes the client's secret
 * there; other stages never do, so there it comes from `PUBLIC_API_CLIENT_SECRET` (an operator reads it
 * with `aws cognito-idp describe-user-pool-client`).
 */
export function testClientTokens(outputs: Outputs): AccessTokens {
  const tokenUrl = findOutput(outputs, 'PublicApiTokenUrl');
  const clientId = findOutput(outputs, 'PublicApiClientId');
  const secret = findOutput(outputs, 'PublicApiClientSecret') ?? process.env.PUBLIC_API_CLIENT_SECRET;
  if (!tokenUrl || !clientId) {
    throw new Error('No PublicApiTokenUrl or PublicApiClientId output: is this a stage with test hooks?');
  }
  if (!secret) {
    throw new Error(
      'No PublicApiClientSecret output: set PUBLIC_API_CLIENT_SECRET to the test client secret.',
    );
  }
  return new AccessTokens(tokenUrl, clientId, secret);
}
