import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { findOutput } from './access-tokens';

type Outputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

interface Account {
  readonly url: string;
  readonly apiKey: string;
}

/**
 * The stub payment provider of a deployed non-production stage, called as payments calls it: with the
 * shop's account (URL and API key) read from the secret the outputs name (`PaymentProviderAccountSecretArn`).
 * `awsEndpoint`: the local cloud's AWS endpoint, where its Secrets Manager is; unset, the SDK's own
 * configuration (AWS, or LocalStack through `AWS_ENDPOINT_URL`).
 */
export class StubProvider {
  private constructor(private readonly account: Account) {}

  static async of(outputs: Outputs, awsEndpoint?: string): Promise<StubProvider> {
    const secretArn = findOutput(outputs, 'PaymentProviderAccountSecretArn');
    if (!secretArn)
      throw new Error('No PaymentProviderAccountSecretArn output: the stage has no stub provider.');
    const region = secretArn.split(':')[3];
    const secrets = new SecretsManagerClient({
      ...(region ? { region } : {}),
      ...(awsEndpoint
        ? { endpoint: awsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });
    try {
      const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
      return new StubProvider(JSON.parse(SecretString ?? '{}') as Account);
    } finally {
      secrets.destroy();
    }
  }

  /** A request to the provider's API with the shop's key. */
  request(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    return fetch(new URL(path, this.account.url), {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${this.account.apiKey}`, 'Content-Type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  /** `PUT /admin/behaviour`: the provider's latency and failure rate from now on. */
  async behave(behaviour: { latencyMs: number; failureRate: number }): Promise<void> {
    const response = await this.request('admin/behaviour', { method: 'PUT', body: behaviour });
    if (response.status !== 200) throw new Error(`PUT /admin/behaviour answered ${response.status}`);
  }

  /** The provider's record of a charge, or undefined when it has none. */
  async charge(
    chargeId: string,
  ): Promise<{ status: string; amount: number; refundedAmount: number } | undefined> {
    const response = await this.request(`charges/${chargeId}`);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`GET /charges/${chargeId} answered ${response.status}`);
    return (await response.json()) as { status: string; amount: number; refundedAmount: number };
  }
}
