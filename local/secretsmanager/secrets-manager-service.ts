import { randomUUID } from 'node:crypto';
import { type AwsJsonService, AwsServiceError } from '../endpoint/aws-json-service';
import type { LocalSecrets, StoredSecret } from './local-secrets';
import { secretNameOf } from './local-secrets';

const seconds = (ms: number) => ms / 1000;

/**
 * Secrets Manager's API (awsJson1.1, `X-Amz-Target: secretsmanager.<Operation>`) on the local secrets:
 * `GetSecretValue`, `DescribeSecret`, `ListSecrets`, `PutSecretValue` and `CreateSecret`. Credentials are
 * not checked, as with the other local services.
 */
export class SecretsManagerService implements AwsJsonService {
  readonly targetPrefix = 'secretsmanager';
  readonly jsonVersion = '1.1' as const;

  constructor(
    private readonly secrets: LocalSecrets,
    /** `arn:aws:secretsmanager:<region>:<account>:secret:`, what a new secret's ARN starts with. */
    private readonly arnPrefix: string,
  ) {}

  async handle(operation: string, input: Record<string, unknown>): Promise<unknown> {
    switch (operation) {
      case 'GetSecretValue': {
        const secret = this.secrets.find(required(input, 'SecretId'));
        const version = this.secrets.version(secret, {
          ...(typeof input.VersionId === 'string' ? { versionId: input.VersionId } : {}),
          ...(typeof input.VersionStage === 'string' ? { versionStage: input.VersionStage } : {}),
        });
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          SecretString: this.secrets.present(version.value),
          VersionStages: version.stages,
          CreatedDate: seconds(version.createdDate),
        };
      }
      case 'DescribeSecret':
        return describe(this.secrets.find(required(input, 'SecretId')));
      case 'ListSecrets':
        return { SecretList: this.secrets.list().map(describe) };
      case 'PutSecretValue': {
        const { secret, version } = this.secrets.put(
          required(input, 'SecretId'),
          required(input, 'SecretString'),
          typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined,
        );
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          VersionStages: version.stages,
        };
      }
      case 'CreateSecret': {
        const name = required(input, 'Name');
        if (this.secrets.list().some((s) => s.name === name)) {
          throw new AwsServiceError(
            'ResourceExistsException',
            `The operation failed because the secret ${name} already exists.`,
          );
        }
        const suffix = randomUUID().replace(/-/g, '').slice(0, 6);
        const description = typeof input.Description === 'string' ? input.Description : undefined;
        const secret = this.secrets.create(
          `${this.arnPrefix}${name}-${suffix}`,
          required(input, 'SecretString'),
          description,
        );
        return { ARN: secret.arn, Name: secretNameOf(secret.arn), VersionId: secret.versions[0]?.versionId };
      }
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local Secrets Manager does not emulate ${operation}.`,
        );
    }
  }
}

function required(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError('InvalidParameterException', `${name} is required.`);
  }
  return value;
}

function describe(secret: StoredSecret) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description ? { Description: secret.description } : {}),
    CreatedDate: seconds(secret.createdDate),
    LastChangedDate: seconds(secret.lastChangedDate),
    VersionIdsToStages: Object.fromEntries(secret.versions.map((v) => [v.versionId, v.stages])),
  };
}
