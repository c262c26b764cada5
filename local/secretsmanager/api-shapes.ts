import type { LocalSecrets, SecretVersion, StoredSecret } from './local-secrets';

/** The output shapes of Secrets Manager's API, dates in epoch seconds as awsJson1.1 sends them. */

const seconds = (ms: number) => ms / 1000;

function metadata(secret: StoredSecret) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description ? { Description: secret.description } : {}),
    CreatedDate: seconds(secret.createdDate),
    LastChangedDate: seconds(secret.lastChangedDate),
    ...(secret.deletedDate === undefined ? {} : { DeletedDate: seconds(secret.deletedDate) }),
  };
}

const stagesById = (secret: StoredSecret) =>
  Object.fromEntries(secret.versions.map((v) => [v.versionId, v.stages]));

/** DescribeSecret's answer. */
export function describedSecret(secret: StoredSecret) {
  return { ...metadata(secret), VersionIdsToStages: stagesById(secret) };
}

/** One entry of ListSecrets' SecretList: the same facts, the versions under another name. */
export function listedSecret(secret: StoredSecret) {
  return { ...metadata(secret), SecretVersionsToStages: stagesById(secret) };
}

/** GetSecretValue's answer, also one entry of BatchGetSecretValue's SecretValues. */
export function secretValue(secrets: LocalSecrets, secret: StoredSecret, version: SecretVersion) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: secrets.present(version.value),
    VersionStages: version.stages,
    CreatedDate: seconds(version.createdDate),
  };
}
