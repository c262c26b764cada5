import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ResolvedResource } from '../../../model/resolved-resource';
import { buildSnsModel, keepSnsStateIn, LocalSns } from '../../../sns';
import { RecordingLambda } from './sns-test-kit';

const TEMPLATE_TOPIC = 'arn:aws:sns:us-east-1:000000000000:from-template';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:q';
const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:f';

const topicResource: ResolvedResource = {
  stackName: 'S',
  logicalId: 'Topic',
  type: 'AWS::SNS::Topic',
  physicalId: TEMPLATE_TOPIC,
  attributes: { TopicName: 'from-template' },
  properties: {},
  metadata: {},
};

/** A fresh LocalSns from the same template, as after a restart. */
const started = () =>
  new LocalSns({
    model: buildSnsModel([topicResource]),
    accountId: '000000000000',
    links: { endpoint: 'http://127.0.0.1:1', region: 'us-east-1' },
    targets: { lambda: new RecordingLambda(), sendToQueue: () => undefined },
  });

describe('SNS under --data-dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sns-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the topics and subscriptions the API made, with their changes, across a restart', () => {
    const before = started();
    keepSnsStateIn(before, dir);
    const made = before.createTopic('made', new Map([['DisplayName', 'Made']]), 'us-east-1');
    const queue = before.subscribe(made.arn, { Protocol: 'sqs', Endpoint: QUEUE });
    before.setSubscriptionAttribute(queue.arn, 'FilterPolicy', '{"kind":["wanted"]}');
    const onTemplateTopic = before.subscribe(TEMPLATE_TOPIC, { Protocol: 'lambda', Endpoint: FUNCTION });
    const gone = before.subscribe(made.arn, { Protocol: 'https', Endpoint: 'https://example.com/hook' });
    before.unsubscribe(gone.arn);

    const after = started();
    keepSnsStateIn(after, dir);

    expect(after.listTopics().map((topic) => [topic.arn, topic.attributes])).toEqual([
      [TEMPLATE_TOPIC, {}],
      [made.arn, { DisplayName: 'Made' }],
    ]);
    expect(after.subscriptionsOf().map((s) => [s.arn, s.endpoint, s.filterPolicy])).toEqual([
      [queue.arn, QUEUE, '{"kind":["wanted"]}'],
      [onTemplateTopic.arn, FUNCTION, undefined],
    ]);
    // Compiled again: the restored filter policy filters.
    expect(after.subscription(queue.arn).filter).toBeDefined();
  });

  it('keeps nothing the templates made, and forgets a deleted topic with its subscriptions', () => {
    const before = started();
    keepSnsStateIn(before, dir);
    const made = before.createTopic('short-lived', new Map(), 'us-east-1');
    before.subscribe(made.arn, { Protocol: 'sqs', Endpoint: QUEUE });
    before.deleteTopic(made.arn);

    const after = started();
    keepSnsStateIn(after, dir);
    expect(after.listTopics().map((topic) => topic.arn)).toEqual([TEMPLATE_TOPIC]);
    expect(after.subscriptionsOf()).toEqual([]);
  });
});
