import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../endpoint/aws-json-service';
import { readJsonFile, writeJsonAtomically } from '../shared/state-files';
import type { SecretReference } from './dynamic-references';

export interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
  stages: string[];
  readonly createdDate: number;
}

export interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly createdDate: number;
  lastChangedDate: number;
  versions: SecretVersion[];
  /** When DeleteSecret scheduled it (the recovery window is not run out: it stays until restored). */
  deletedDate?: number;
  /** For a template's secret, what its current value was made from (`secretSourceOf`). */
  deployedFrom?: string;
}

const DAY = 24 * 60 * 60 * 1000;

// AWS's own wording of each refusal: clients and people match on it.
const notFound = () =>
  new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
const markedForDeletion = () =>
  new AwsServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );

/** `arn:...:secret:<name>-<6 characters>`: the name part of a secret ARN. */
export function secretNameOf(arn: string): string {
  const tail = arn.slice(arn.indexOf(':secret:') + ':secret:'.length);
  return tail.replace(/-[A-Za-z0-9]{6}$/, '');
}

/**
 * The local secrets: each with its versions and their staging labels (AWSCURRENT, AWSPREVIOUS), found by
 * name, full ARN or partial ARN (without the random suffix) as Secrets Manager finds them. With a file
 * (under `--data-dir`), they are written there on every change and read back at start, so a generated
 * value stays what it was across restarts.
 */
export class LocalSecrets {
  private readonly secrets = new Map<string, StoredSecret>();
  private presenter: (value: string) => string = (value) => value;

  constructor(
    private readonly file?: string,
    private readonly now: () => number = Date.now,
  ) {
    for (const secret of (file && readJsonFile<StoredSecret[]>(file)) || []) {
      this.secrets.set(secret.arn, secret);
    }
  }

  /**
   * How a value is handed out (`GetSecretValue`): values are kept as CloudFormation would hold them, with
   * AWS URLs, and each read points those at their local stand-ins, as the outputs file and the functions'
   * environments are (the ports may differ after a restart; the stored value does not).
   */
  presentWith(presenter: (value: string) => string): void {
    this.presenter = presenter;
  }

  /** A value as a reader gets it. */
  present(value: string): string {
    return this.presenter(value);
  }

  /** The secrets, without those scheduled for deletion unless asked (ListSecrets' IncludePlannedDeletion). */
  list(options: { includePlannedDeletion?: boolean } = {}): readonly StoredSecret[] {
    return [...this.secrets.values()].filter(
      (secret) => options.includePlannedDeletion || secret.deletedDate === undefined,
    );
  }

  /** A secret by name, full ARN or partial ARN, scheduled for deletion or not; ResourceNotFoundException otherwise. */
  find(secretId: string): StoredSecret {
    const byArn = this.secrets.get(secretId);
    if (byArn) return byArn;
    for (const secret of this.secrets.values()) {
      if (secret.name === secretId) return secret;
      // A partial ARN: the full one without its random suffix.
      if (
        secretId.startsWith('arn:') &&
        secret.arn.startsWith(`${secretId}-`) &&
        secret.arn.length === secretId.length + 7
      )
        return secret;
    }
    throw notFound();
  }

  /** A secret whose value may be read or changed: not one scheduled for deletion (InvalidRequestException). */
  usable(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (secret.deletedDate !== undefined) throw markedForDeletion();
    return secret;
  }

  has(arn: string): boolean {
    return this.secrets.has(arn);
  }

  /** A new secret; with a value, its first version is AWSCURRENT. A name in use (even scheduled for deletion) is refused. */
  create(
    arn: string,
    value: string | undefined,
    options: { description?: string; versionId?: string; deployedFrom?: string } = {},
  ): StoredSecret {
    const name = secretNameOf(arn);
    const taken = [...this.secrets.values()].find((secret) => secret.name === name);
    if (taken?.deletedDate !== undefined) {
      throw new AwsServiceError(
        'InvalidRequestException',
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    if (taken) {
      throw new AwsServiceError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const at = this.now();
    const secret: StoredSecret = {
      arn,
      name,
      ...(options.description ? { description: options.description } : {}),
      ...(options.deployedFrom ? { deployedFrom: options.deployedFrom } : {}),
      createdDate: at,
      lastChangedDate: at,
      versions:
        value === undefined
          ? []
          : [
              {
                versionId: options.versionId ?? randomUUID(),
                value,
                stages: ['AWSCURRENT'],
                createdDate: at,
              },
            ],
    };
    this.secrets.set(arn, secret);
    this.save();
    return secret;
  }

  /** A new AWSCURRENT version; the one it replaces becomes AWSPREVIOUS. The same token again: no change. */
  put(
    secretId: string,
    value: string,
    options: { versionId?: string; deployedFrom?: string } = {},
  ): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.usable(secretId);
    const versionId = options.versionId ?? randomUUID();
    const existing = secret.versions.find((v) => v.versionId === versionId);
    if (existing) {
      if (existing.value !== value)
        throw new AwsServiceError(
          'ResourceExistsException',
          `Version ${versionId} already has another value.`,
        );
      return { secret, version: existing };
    }
    for (const version of secret.versions) {
      version.stages = version.stages.filter((stage) => stage !== 'AWSPREVIOUS');
      if (version.stages.includes('AWSCURRENT')) version.stages = ['AWSPREVIOUS'];
    }
    const version: SecretVersion = { versionId, value, stages: ['AWSCURRENT'], createdDate: this.now() };
    // Versions without a label are gone, as AWS deprecates them.
    secret.versions = [...secret.versions.filter((v) => v.stages.length > 0), version];
    secret.lastChangedDate = version.createdDate;
    if (options.deployedFrom) secret.deployedFrom = options.deployedFrom;
    this.save();
    return { secret, version };
  }

  /**
   * DeleteSecret: gone at once with `force`, else scheduled after a recovery window of 7-30 days (default
   * 30), during which it can be restored and its value cannot be read. The window never runs out here: a
   * scheduled secret stays until restored or force-deleted.
   */
  delete(
    secretId: string,
    options: { force?: boolean; recoveryWindowInDays?: number } = {},
  ): { secret: StoredSecret; deletionDate: number } {
    if (options.force && options.recoveryWindowInDays !== undefined) {
      throw new AwsServiceError(
        'InvalidParameterException',
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    const days = options.recoveryWindowInDays ?? 30;
    if (!Number.isInteger(days) || days < 7 || days > 30) {
      throw new AwsServiceError(
        'InvalidParameterException',
        'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
      );
    }
    const secret = this.find(secretId);
    const at = this.now();
    if (options.force) {
      this.secrets.delete(secret.arn);
      this.save();
      return { secret, deletionDate: at };
    }
    if (secret.deletedDate !== undefined) {
      throw new AwsServiceError(
        'InvalidRequestException',
        "You tried to perform the operation on a secret that's currently marked deleted.",
      );
    }
    secret.deletedDate = at;
    this.save();
    return { secret, deletionDate: at + days * DAY };
  }

  /** RestoreSecret: a secret scheduled for deletion is usable again. */
  restore(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    delete secret.deletedDate;
    this.save();
    return secret;
  }

  /** The version a stage (default AWSCURRENT) or id names, with AWS's refusal when there is none. */
  version(secret: StoredSecret, options: { versionId?: string; versionStage?: string } = {}): SecretVersion {
    const stage = options.versionStage ?? (options.versionId ? undefined : 'AWSCURRENT');
    const found = secret.versions.find(
      (v) =>
        (options.versionId === undefined || v.versionId === options.versionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (!found) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        options.versionId === undefined
          ? `Secrets Manager can't find the specified secret value for staging label: ${stage}`
          : `Secrets Manager can't find the specified secret value for VersionId: ${options.versionId}`,
      );
    }
    return found;
  }

  /**
   * What a dynamic reference stands for: the secret string, or one key of it as JSON. Deployment reads the
   * stored value whatever the secret's deletion state, as CloudFormation resolved it when it deployed.
   */
  resolve(reference: SecretReference): string {
    const value = this.version(this.find(reference.secretId), {
      ...(reference.versionId ? { versionId: reference.versionId } : {}),
      ...(reference.versionStage ? { versionStage: reference.versionStage } : {}),
    }).value;
    if (!reference.jsonKey) return value;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error(`the value of the secret ${reference.secretId} is not JSON`);
    }
    const member = (parsed as Record<string, unknown> | null)?.[reference.jsonKey];
    if (member === undefined)
      throw new Error(`the secret ${reference.secretId} has no key ${reference.jsonKey}`);
    return typeof member === 'string' ? member : JSON.stringify(member);
  }

  private save(): void {
    if (this.file) writeJsonAtomically(this.file, [...this.secrets.values()]);
  }
}
