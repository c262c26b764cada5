import { randomInt } from 'node:crypto';
import { type AwsJsonService, AwsServiceError } from '../endpoint/aws-json-service';
import { describedSecret, listedSecret, secretValue } from './api-shapes';
import { generatePassword, InvalidPasswordSpec, type PasswordSpec } from './generate-password';
import type { LocalSecrets } from './local-secrets';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const seconds = (ms: number) => ms / 1000;

/**
 * Secrets Manager's API (awsJson1.1, `X-Amz-Target: secretsmanager.<Operation>`) on the local secrets:
 * `GetSecretValue`, `BatchGetSecretValue` (by id list), `DescribeSecret`, `ListSecrets`, `PutSecretValue`,
 * `CreateSecret`, `DeleteSecret`, `RestoreSecret` and `GetRandomPassword`. Credentials are not checked, as with the other local
 * services; string values only (no `SecretBinary`).
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
    const secrets = this.secrets;
    switch (operation) {
      case 'GetSecretValue':
        return this.value(required(input, 'SecretId'), input);
      case 'BatchGetSecretValue':
        return this.batchGet(input);
      case 'DescribeSecret':
        return describedSecret(secrets.find(required(input, 'SecretId')));
      case 'ListSecrets': {
        noFilters(input);
        const includePlannedDeletion = input.IncludePlannedDeletion === true;
        return { SecretList: secrets.list({ includePlannedDeletion }).map(listedSecret) };
      }
      case 'PutSecretValue': {
        noBinary(input);
        const stages = input.VersionStages;
        // Rotation labels (AWSPENDING) would not move AWSCURRENT; only the default is emulated.
        if (Array.isArray(stages) && stages.some((stage) => stage !== 'AWSCURRENT')) {
          throw new AwsServiceError(
            'InvalidParameterException',
            'The local Secrets Manager does not emulate VersionStages other than AWSCURRENT.',
          );
        }
        const { secret, version } = secrets.put(
          required(input, 'SecretId'),
          required(input, 'SecretString'),
          versionIdOf(input),
        );
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          VersionStages: version.stages,
        };
      }
      case 'CreateSecret': {
        noBinary(input);
        // Secrets Manager appends six random characters, so a new secret of an old name has a new ARN.
        const suffix = Array.from({ length: 6 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
        const description = optional(input, 'Description');
        const secret = secrets.create(
          `${this.arnPrefix}${required(input, 'Name')}-${suffix}`,
          optional(input, 'SecretString'),
          { ...(description ? { description } : {}), ...versionIdOf(input) },
        );
        const first = secret.versions[0];
        return { ARN: secret.arn, Name: secret.name, ...(first ? { VersionId: first.versionId } : {}) };
      }
      case 'DeleteSecret': {
        const window = input.RecoveryWindowInDays;
        const { secret, deletionDate } = secrets.delete(required(input, 'SecretId'), {
          force: input.ForceDeleteWithoutRecovery === true,
          ...(typeof window === 'number' ? { recoveryWindowInDays: window } : {}),
        });
        return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(deletionDate) };
      }
      case 'GetRandomPassword':
        try {
          return { RandomPassword: generatePassword(input as PasswordSpec) };
        } catch (error) {
          if (!(error instanceof InvalidPasswordSpec)) throw error;
          throw new AwsServiceError('InvalidParameterException', error.message);
        }
      case 'RestoreSecret': {
        const secret = secrets.restore(required(input, 'SecretId'));
        return { ARN: secret.arn, Name: secret.name };
      }
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local Secrets Manager does not emulate ${operation}.`,
        );
    }
  }

  private value(secretId: string, input: Record<string, unknown>) {
    const secret = this.secrets.usable(secretId);
    const versionId = optional(input, 'VersionId');
    const versionStage = optional(input, 'VersionStage');
    const version = this.secrets.version(secret, {
      ...(versionId ? { versionId } : {}),
      ...(versionStage ? { versionStage } : {}),
    });
    return secretValue(this.secrets, secret, version);
  }

  /** Each secret's current value, or its error in `Errors`: one missing secret fails no other. */
  private batchGet(input: Record<string, unknown>) {
    noFilters(input);
    const ids = input.SecretIdList;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) {
      throw new AwsServiceError('InvalidParameterException', 'SecretIdList must hold 1 to 20 secret ids.');
    }
    const values: unknown[] = [];
    const errors: unknown[] = [];
    for (const id of ids.map(String)) {
      try {
        values.push(this.value(id, {}));
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        errors.push({ SecretId: id, ErrorCode: error.code, Message: error.message });
      }
    }
    return { SecretValues: values, Errors: errors };
  }
}

function versionIdOf(input: Record<string, unknown>): { versionId?: string } {
  const token = optional(input, 'ClientRequestToken');
  return token ? { versionId: token } : {};
}

function required(input: Record<string, unknown>, name: string): string {
  const value = optional(input, name);
  if (value === undefined) throw new AwsServiceError('InvalidParameterException', `${name} is required.`);
  return value;
}

function optional(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// Refused rather than ignored: an unfiltered list or a lost binary would pass for a right answer.
function noFilters(input: Record<string, unknown>): void {
  if (Array.isArray(input.Filters) && input.Filters.length > 0) {
    throw new AwsServiceError(
      'InvalidParameterException',
      'The local Secrets Manager does not emulate Filters.',
    );
  }
}

function noBinary(input: Record<string, unknown>): void {
  if (input.SecretBinary !== undefined) {
    throw new AwsServiceError(
      'InvalidParameterException',
      'The local Secrets Manager does not emulate SecretBinary: use SecretString.',
    );
  }
}
