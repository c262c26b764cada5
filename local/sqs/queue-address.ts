/**
 * How a queue is addressed: by URL (`<endpoint>/<account>/<name>`, the SDK's QueueUrl), by ARN
 * (`arn:aws:sqs:<region>:<account>:<name>`, redrive policies, event source mappings, EventBridge targets)
 * or, inside the local cloud, by bare name.
 */
export interface QueueKey {
  readonly accountId: string;
  readonly name: string;
}

export function queueUrl(endpoint: string, key: QueueKey): string {
  return `${endpoint.replace(/\/+$/, '')}/${key.accountId}/${key.name}`;
}

export function queueArn(region: string, key: QueueKey, partition = 'aws'): string {
  return `arn:${partition}:sqs:${region}:${key.accountId}:${key.name}`;
}

const ARN = /^arn:[^:]+:sqs:[^:]*:(\d{12}):([^:/]+)$/;

/**
 * Reads a queue URL, ARN or name. Any scheme and host are accepted for URLs (the SDK may reach us as
 * `localhost`, `127.0.0.1`, a container name or `sqs.us-east-1.amazonaws.com`): only the path's
 * account and name identify the queue. Undefined when the value is none of those forms.
 */
export function parseQueueAddress(address: string, defaultAccountId: string): QueueKey | undefined {
  const arn = ARN.exec(address);
  if (arn) return { accountId: arn[1] as string, name: arn[2] as string };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    let path: string;
    try {
      path = new URL(address).pathname;
    } catch {
      return undefined;
    }
    const parts = path.split('/').filter((part) => part !== '');
    if (parts.length === 2 && /^\d{12}$/.test(parts[0] as string)) {
      return { accountId: parts[0] as string, name: decodeURIComponent(parts[1] as string) };
    }
    // `http://host/<name>`: some older tools address queues without the account.
    if (parts.length === 1)
      return { accountId: defaultAccountId, name: decodeURIComponent(parts[0] as string) };
    return undefined;
  }
  if (/^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(address)) return { accountId: defaultAccountId, name: address };
  return undefined;
}
