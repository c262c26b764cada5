import { createHash } from 'node:crypto';
import { PendingWork } from '../shared/pending-work';
import { deliver, type SnsDeliveryTargets, sqsMessage } from './delivery';
import type { EnvelopeLinks } from './envelope';
import { passesFilter } from './filter';
import type { PublishedMessage } from './message';
import {
  type SnsModel,
  type SubscriptionModel,
  type SubscriptionSettings,
  settingsOf,
  subscriptionFrom,
  type TopicModel,
} from './model';
import { type PublishInput, publishedMessage } from './publish-input';
import { invalidParameter, SnsError } from './sns-error';

export interface LocalSnsOptions {
  readonly model: SnsModel;
  readonly targets: SnsDeliveryTargets;
  readonly links: EnvelopeLinks;
  readonly accountId: string;
  /** One line per delivery: `sns <topic> -> <protocol> <endpoint>: ok | failed (...)`. */
  readonly onTrace?: (line: string) => void;
  /** A message that could not be delivered and had no dead-letter queue: never lost silently. */
  readonly onWarning?: (line: string) => void;
  /** Waits between HTTP retries (AWS's default policy: 20 s); shorter in tests. */
  readonly httpRetryDelayMs?: number;
}

/** What --data-dir keeps of SNS: the topics and subscriptions the API made (sns-files.ts). */
export interface ApiMadeState {
  readonly topics: readonly TopicModel[];
  readonly subscriptions: readonly { arn: string; topicArn: string; settings: Record<string, string> }[];
}

/** FIFO topics drop a message whose de-duplication id was seen in the last five minutes, as SNS does. */
const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

/**
 * SNS topics and subscriptions: a publish is answered at once (with its MessageId) and fans out to every
 * subscription whose filter policy lets it through, each delivery on its own: SQS queues get the JSON
 * notification (or the raw message), functions are invoked asynchronously with Lambda's SNS event (so
 * Lambda's retries and destinations apply), HTTP/S endpoints get a POST, retried per SNS's default
 * delivery policy. A delivery that fails for good goes to the subscription's dead-letter queue
 * (`RedrivePolicy`), as SNS moves it there.
 */
export class LocalSns {
  private readonly topics = new Map<string, TopicModel>();
  private readonly subscriptions = new Map<string, SubscriptionModel>();
  private readonly deduplication = new Map<
    string,
    { messageId: string; sequenceNumber?: string; at: number }
  >();
  private readonly deliveries = new PendingWork();
  /** What the templates made: made again at every start, so not what --data-dir keeps. */
  private readonly fromTemplates = new Set<string>();
  private changeListener?: () => void;
  private sequence = 0n;
  private subscriptionCount = 0;

  constructor(private readonly options: LocalSnsOptions) {
    for (const topic of options.model.topics) this.topics.set(topic.arn, topic);
    for (const subscription of options.model.subscriptions)
      this.subscriptions.set(subscription.arn, subscription);
    for (const arn of [...this.topics.keys(), ...this.subscriptions.keys()]) this.fromTemplates.add(arn);
  }

  /** Called after each change the API makes (CreateTopic, Subscribe, ...): --data-dir keeps them. */
  whenChanged(listener: () => void): void {
    this.changeListener = listener;
  }

  /** The topics and subscriptions the API made, as `restore` takes them back. */
  madeByApi(): ApiMadeState {
    const ours = <T extends { arn: string }>(items: Iterable<T>) =>
      [...items].filter((item) => !this.fromTemplates.has(item.arn));
    return {
      topics: ours(this.topics.values()),
      subscriptions: ours(this.subscriptions.values()).map((s) => ({
        arn: s.arn,
        topicArn: s.topicArn,
        settings: settingsOf(s),
      })),
    };
  }

  /** Brings back what `madeByApi` answered (a subscription whose topic is gone is left out). */
  restore(state: ApiMadeState): void {
    for (const topic of state.topics) if (!this.topics.has(topic.arn)) this.topics.set(topic.arn, topic);
    for (const { arn, topicArn, settings } of state.subscriptions) {
      if (this.topics.has(topicArn) && !this.subscriptions.has(arn)) this.store(arn, topicArn, settings);
    }
  }

  /** A topic by ARN; NotFound as SNS answers for one that does not exist. */
  topic(topicArn: string): TopicModel {
    const topic = this.topics.get(topicArn);
    if (!topic) throw new SnsError('NotFound', 'Topic does not exist');
    return topic;
  }

  listTopics(): TopicModel[] {
    return [...this.topics.values()];
  }

  subscriptionsOf(topicArn?: string): SubscriptionModel[] {
    return [...this.subscriptions.values()].filter((s) => topicArn === undefined || s.topicArn === topicArn);
  }

  subscription(arn: string): SubscriptionModel {
    const subscription = this.subscriptions.get(arn);
    if (!subscription) throw new SnsError('NotFound', 'Subscription does not exist');
    return subscription;
  }

  /** Creates a topic, or answers the one of that name (CreateTopic is idempotent). */
  createTopic(name: string, attributes: ReadonlyMap<string, string>, region: string): TopicModel {
    if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) throw invalidParameter('Topic Name');
    const fifo = attributes.get('FifoTopic') === 'true';
    if (fifo !== name.endsWith('.fifo')) {
      throw invalidParameter('Fifo Topic names must end with .fifo and Standard Topic cannot end with .fifo');
    }
    const arn = `arn:aws:sns:${region}:${this.options.accountId}:${name}`;
    const existing = this.topics.get(arn);
    if (existing) return existing;
    const others = [...attributes].filter(
      ([key]) => key !== 'FifoTopic' && key !== 'ContentBasedDeduplication',
    );
    const topic: TopicModel = {
      arn,
      name,
      fifo,
      contentBasedDeduplication: attributes.get('ContentBasedDeduplication') === 'true',
      ...(others.length === 0 ? {} : { attributes: Object.fromEntries(others) }),
    };
    this.topics.set(arn, topic);
    this.changeListener?.();
    return topic;
  }

  deleteTopic(topicArn: string): void {
    this.topics.delete(topicArn);
    for (const subscription of this.subscriptionsOf(topicArn)) this.subscriptions.delete(subscription.arn);
    this.changeListener?.();
  }

  subscribe(topicArn: string, settings: SubscriptionSettings): SubscriptionModel {
    this.topic(topicArn);
    // SNS answers the existing subscription for the same protocol and endpoint.
    const same = this.subscriptionsOf(topicArn).find(
      (s) =>
        s.protocol === String(settings.Protocol).toLowerCase() && s.endpoint === String(settings.Endpoint),
    );
    if (same) return same;
    this.subscriptionCount += 1;
    const arn = `${topicArn}:${createHash('sha256')
      .update(`${topicArn}|${settings.Endpoint}|${this.subscriptionCount}`)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5')}`;
    const subscription = this.store(arn, topicArn, settings);
    this.changeListener?.();
    return subscription;
  }

  unsubscribe(arn: string): void {
    this.subscriptions.delete(arn);
    this.changeListener?.();
  }

  /** Changes one attribute SNS lets a subscription change after it was made. */
  setSubscriptionAttribute(arn: string, name: string, value: string): void {
    const current = this.subscription(arn);
    const settings: Record<string, unknown> = settingsOf(current);
    if (!['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy'].includes(name)) {
      throw invalidParameter(`AttributeName`);
    }
    settings[name] = value;
    this.store(arn, current.topicArn, settings);
    this.changeListener?.();
  }

  /**
   * Publishes one message: validated as SNS does (a bad one throws before anything is sent), answered
   * with its id, then delivered to every subscription in the background. A FIFO topic drops a duplicate
   * within five minutes and answers with the first one's id.
   */
  publish(
    topicArn: string,
    input: PublishInput,
    now = new Date(),
  ): { messageId: string; sequenceNumber?: string } {
    const topic = this.topic(topicArn);
    const built = publishedMessage(topic, input, now);
    if (!topic.fifo) {
      this.fanOut(built);
      return { messageId: built.messageId };
    }
    // De-duplication is across the topic unless FifoThroughputScope is MessageGroup (Publish's reference).
    const perGroup = topic.attributes?.FifoThroughputScope === 'MessageGroup';
    const key = `${topic.arn}|${perGroup ? built.groupId : ''}|${built.deduplicationId}`;
    const seen = this.deduplication.get(key);
    if (seen && now.getTime() - seen.at < DEDUPLICATION_WINDOW_MS) {
      return {
        messageId: seen.messageId,
        ...(seen.sequenceNumber ? { sequenceNumber: seen.sequenceNumber } : {}),
      };
    }
    this.sequence += 1n;
    const sequenceNumber = this.sequence.toString().padStart(20, '0');
    const message = { ...built, sequenceNumber };
    this.deduplication.set(key, { messageId: message.messageId, sequenceNumber, at: now.getTime() });
    this.fanOut(message);
    return { messageId: message.messageId, sequenceNumber };
  }

  /** Resolves once every delivery started so far has succeeded or failed for good. */
  drain(): Promise<void> {
    return this.deliveries.drain();
  }

  /** Stops: HTTP retry waits end at once; nothing new is delivered. */
  close(): void {
    this.deliveries.close();
  }

  private store(arn: string, topicArn: string, settings: SubscriptionSettings): SubscriptionModel {
    const subscription = subscriptionFrom(arn, topicArn, settings);
    if (typeof subscription === 'string') throw invalidParameter(subscription);
    this.subscriptions.set(arn, subscription);
    return subscription;
  }

  private fanOut(message: PublishedMessage): void {
    for (const subscription of this.subscriptionsOf(message.topicArn)) {
      if (!passesFilter(subscription, message)) continue;
      this.deliveries.track(
        () => this.deliverOne(message, subscription),
        (error) => this.options.onWarning?.(`sns      ${message.topicArn}: ${String(error)}`),
      );
    }
  }

  private async deliverOne(message: PublishedMessage, subscription: SubscriptionModel): Promise<void> {
    const { targets, links } = this.options;
    const where = `sns      ${message.topicArn} -> ${subscription.protocol} ${subscription.endpoint}`;
    try {
      await deliver(
        message,
        subscription,
        targets,
        links,
        (ms) => this.deliveries.sleep(ms),
        this.options.httpRetryDelayMs,
      );
      this.options.onTrace?.(`${where}: ok`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (subscription.deadLetterQueueArn !== undefined) {
        const { body, options } = sqsMessage(
          message,
          { ...subscription, rawMessageDelivery: false },
          links,
          subscription.deadLetterQueueArn,
        );
        try {
          targets.sendToQueue(subscription.deadLetterQueueArn, body, options);
          this.options.onTrace?.(`${where}: failed (${reason}), sent to ${subscription.deadLetterQueueArn}`);
          return;
        } catch (dlqError) {
          this.options.onWarning?.(
            `${where}: failed (${reason}) and its dead-letter queue too (${String(dlqError)})`,
          );
          return;
        }
      }
      this.options.onWarning?.(
        `${where}: failed (${reason}); no dead-letter queue, message ${message.messageId} lost`,
      );
    }
  }
}
