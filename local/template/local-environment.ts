import {
  LOCAL_ACCOUNT_ID,
  LOCAL_PARTITION,
  LOCAL_REGION,
  LOCAL_URL_SUFFIX,
} from '../model/resolved-resource';

/** Where the local cloud pretends to run: its account, region and the base URL of its AWS endpoint. */
export interface LocalEnvironment {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
  /** Base URL of the local AWS endpoint, used in URLs that AWS would serve (SQS queue URLs). */
  readonly serviceEndpoint: string;
}

export const DEFAULT_SERVICE_ENDPOINT = 'http://localhost:4566';

export function localEnvironment(serviceEndpoint = DEFAULT_SERVICE_ENDPOINT): LocalEnvironment {
  return {
    accountId: LOCAL_ACCOUNT_ID,
    region: LOCAL_REGION,
    partition: LOCAL_PARTITION,
    urlSuffix: LOCAL_URL_SUFFIX,
    serviceEndpoint: serviceEndpoint.replace(/\/+$/, ''),
  };
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; pass `region: ''` / `account: ''` for global services. */
export function arn(
  env: LocalEnvironment,
  service: string,
  resource: string,
  scope: { region?: string; account?: string } = {},
): string {
  return `arn:${env.partition}:${service}:${scope.region ?? env.region}:${scope.account ?? env.accountId}:${resource}`;
}
