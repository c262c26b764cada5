import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AwsServiceError } from '../endpoint/aws-json-service';
import type { SecretReference } from './dynamic-references';

interface SecretVersion {
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
}

const notFound = () =>
  new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

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
    if (file && existsSync(file)) {
      for (const secret of JSON.parse(readFileSync(file, 'utf8')) as StoredSecret[]) {
        this.secrets.set(secret.arn, secret);
      }
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

  list(): readonly StoredSecret[] {
    return [...this.secrets.values()];
  }

  /** A secret by name, full ARN or partial ARN; ResourceNotFoundException otherwise. */
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

  has(arn: string): boolean {
    return this.secrets.has(arn);
  }

  create(arn: string, value: string, description?: string): StoredSecret {
    if (this.secrets.has(arn))
      throw new AwsServiceError('ResourceExistsException', `The secret ${arn} already exists.`);
    const at = this.now();
    const secret: StoredSecret = {
      arn,
      name: secretNameOf(arn),
      ...(description ? { description } : {}),
      createdDate: at,
      lastChangedDate: at,
      versions: [{ versionId: randomUUID(), value, stages: ['AWSCURRENT'], createdDate: at }],
    };
    this.secrets.set(arn, secret);
    this.save();
    return secret;
  }

  /** A new AWSCURRENT version; the one it replaces becomes AWSPREVIOUS. The same token again: no change. */
  put(
    secretId: string,
    value: string,
    versionId: string = randomUUID(),
  ): { secret: StoredSecret; version: SecretVersion } {
    const secret = this.find(secretId);
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
    this.save();
    return { secret, version };
  }

  /** The version a stage (default AWSCURRENT) or id names. */
  version(secret: StoredSecret, options: { versionId?: string; versionStage?: string } = {}): SecretVersion {
    const found = options.versionId
      ? secret.versions.find((v) => v.versionId === options.versionId)
      : secret.versions.find((v) => v.stages.includes(options.versionStage ?? 'AWSCURRENT'));
    if (!found || (options.versionStage && !found.stages.includes(options.versionStage))) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for staging label or version id.",
      );
    }
    return found;
  }

  /** What a dynamic reference stands for: the secret string, or one key of it as JSON. */
  resolve(reference: SecretReference): string {
    const value = this.version(this.find(reference.secretId), {
      ...(reference.versionId ? { versionId: reference.versionId } : {}),
      ...(reference.versionStage ? { versionStage: reference.versionStage } : {}),
    }).value;
    if (!reference.jsonKey) return value;
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const member = parsed[reference.jsonKey];
    if (member === undefined)
      throw new Error(`the secret ${reference.secretId} has no key ${reference.jsonKey}`);
    return typeof member === 'string' ? member : JSON.stringify(member);
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.list()));
  }
}
