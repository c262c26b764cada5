import { CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { STAGE_NAMES } from '../../lib/config/stage-config';
import { synthShop } from '../helpers/synth';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledged rule in the app, where it is recorded (`Validations.of(x).acknowledge`). */
function acknowledgementsOf(root: IConstruct): Array<Acknowledgement & { readonly construct: IConstruct }> {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        // Rule ids without a plugin prefix are stored as `Annotation::<id>`; cdk-nag matches them without it.
        .map(([id, reason]) => ({
          construct,
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
    )
    .sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
}

/** The shop app plus a throwaway stack holding whatever the test puts in it. */
function shopWith(build: (stack: Stack) => void) {
  const { app } = synthShop('local');
  build(new Stack(app, 'Throwaway'));
  return app;
}

describe('cdk-nag (AwsSolutions and Serverless packs, run by synth)', () => {
  it.each(STAGE_NAMES)('%s synthesizes: no unacknowledged finding', (stage) => {
    expect(() => synthShop(stage).app.synth()).not.toThrow();
  });

  it('fails synth on an unacknowledged AwsSolutions finding', () => {
    const app = shopWith((stack) => {
      new dynamodb.Table(stack, 'NoPointInTimeRecovery', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      });
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  it('fails synth on an unacknowledged Serverless finding', () => {
    const app = shopWith((stack) => {
      new sqs.Queue(stack, 'NoRedrivePolicy', { enforceSSL: true });
    });
    expect(() => app.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });

  it('silences a finding acknowledged on the offending construct, in the form the app uses', () => {
    const app = shopWith((stack) => {
      const table = new dynamodb.Table(stack, 'NoPointInTimeRecovery', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      });
      Validations.of(table).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'A throwaway table in a test.' });
    });
    expect(() => app.synth()).not.toThrow();
  });
});

const XRAY_WILDCARD = 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.';
const UNUSED_DLQ = {
  async:
    'Invoked asynchronously with an on-failure destination (an SQS queue), which records the error as well as the event; a function DLQ would duplicate it.',
  sync: 'Invoked synchronously only (API Gateway proxy or a Step Functions task): failures go back to the caller, a DLQ would stay empty.',
  stream:
    'Invoked only by a stream event source mapping: failed batches go to the mapping on-failure destination (an SQS DLQ), a function DLQ would stay empty.',
  queue:
    'Invoked only by an SQS event source mapping: a failed message returns to its queue, whose redrive policy dead-letters it; a function DLQ would stay empty.',
};
/** Every ServiceFunction: no function DLQ (with why), and X-Ray's unavoidable wildcard on its role. */
const functionAcknowledgements: Acknowledgement[] = (
  [
    ['Orders/Orders/GetOrder', 'sync'],
    ['Orders/Orders/GetOrderHistory', 'sync'],
    ['Orders/Orders/CancelOrder', 'sync'],
    ['Orders/Orders/ListCustomerOrders', 'sync'],
    ['Orders/Orders/PlaceOrder', 'sync'],
    ['Orders/Orders/ProjectOrderViews', 'stream'],
    ['Orders/Orders/PublishOrderEvents', 'stream'],
    ['Inventory/Inventory/ReserveInventory', 'sync'],
    ['Inventory/Inventory/ReleaseInventory', 'sync'],
    ['Inventory/Inventory/SetStock', 'sync'],
    ['Inventory/Inventory/GetStock', 'sync'],
    ['Inventory/Inventory/GetProduct', 'sync'],
    ['Payments/PaymentProvider/Provider', 'sync'],
    ['Payments/Payments/ChargePayment', 'sync'],
    ['Payments/Payments/RefundPayment', 'sync'],
    ['Orders/Orders/LoadOrderStatus', 'sync'],
    ['Orders/Orders/ConfirmOrder', 'sync'],
    ['Orders/Orders/RejectOrder', 'sync'],
    ['Shipping/Shipping/ScheduleShipment', 'sync'],
    ['Shipping/Shipping/CancelShipment', 'sync'],
    ['Saga/PlaceOrderSaga/StartSaga', 'async'],
    ['Saga/PlaceOrderSaga/SettleStuckOrders', 'async'],
    ['Customers/Customers/CreateCustomer', 'sync'],
    ['Customers/Customers/GetCustomer', 'sync'],
    ['Payments/Payments/GetPayment', 'sync'],
    ['Shipping/Shipping/GetShipment', 'sync'],
    ['Shipping/Shipping/Labels/AskAgain', 'sync'],
    ['Inventory/Inventory/Events/Relay', 'stream'],
    ['Payments/Payments/Events/Relay', 'stream'],
    ['Shipping/Shipping/Events/Relay', 'stream'],
    ['Orders/Orders/Choreography/Consumer', 'queue'],
    ['Inventory/Inventory/Choreography/Consumer', 'queue'],
    ['Payments/Payments/Choreography/Consumer', 'queue'],
    ['Shipping/Shipping/Choreography/Consumer', 'queue'],
    ['Shipping/Shipping/Labels/Requests/Consumer', 'queue'],
    ['Shipping/Shipping/Labels/Replies/Consumer', 'queue'],
    ['Shipping/Shipping/Labels/Deadlines/Consumer', 'queue'],
    ['Shipping/Carrier/LabelDesk/Consumer', 'queue'],
    ['Apps/Apps/WebBff', 'sync'],
    ['Apps/Apps/MobileBff', 'sync'],
    ['Notifications/Notifications/Deliveries/Consumer', 'queue'],
    ['Notifications/Notifications/ListCallbacks', 'sync'],
    ['Notifications/Notifications/ReplayCallback', 'sync'],
    ['Push/Push/AuthorizeConnection', 'sync'],
    ['Push/Push/ConnectionEvents', 'sync'],
    ['Push/Push/Messages', 'sync'],
    ['Push/Push/FanOutOrderUpdates', 'stream'],
  ] as const
).flatMap(([path, invocation]) => [
  { path: `Shop-Local-${path}/Function`, id: 'Serverless-LambdaDLQ', reason: UNUSED_DLQ[invocation] },
  { path: `Shop-Local-${path}/Role`, id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_WILDCARD },
]);
/** The stub payment provider's API: a stand-in for a third party. */
const providerApiAcknowledgements: Acknowledgement[] = [
  {
    id: 'AwsSolutions-APIG3',
    reason: 'A test stub behind stage throttling; a WAF would only cost.',
  },
  {
    id: 'AwsSolutions-APIG4',
    reason:
      'A stand-in for a third-party provider, reachable as the real one would be; it holds no customer data.',
  },
  {
    id: 'AwsSolutions-APIG6',
    reason:
      'Execution logging needs the account-wide AWS::ApiGateway::Account role, which one stack per stage cannot own without fighting other stages; JSON access logs are on.',
  },
  { id: 'AwsSolutions-COG4', reason: 'Same as APIG4: a stub of an external system has no user pool.' },
].map((ack) => ({ path: 'Shop-Local-Payments/PaymentProvider/Api', ...ack }));
/** The shop's user pool: machine clients, and the apps' users with a password and no second factor yet. */
const identityAcknowledgements: Acknowledgement[] = [
  {
    id: 'AwsSolutions-COG2',
    reason:
      "The apps' users sign in with a password and no second factor yet: MFA (TOTP) is a product decision on the apps' sign-in flow, to make with them; the public API's clients use client credentials, where MFA does not apply.",
  },
  {
    id: 'AwsSolutions-COG8',
    reason:
      "Threat protection needs the Plus feature plan, priced per monthly active user: a cost decision for when the apps have users; until then the apps' usage plans bound what one key can do.",
  },
].map((ack) => ({ path: 'Shop-Local-Edge/Identity/UserPool', ...ack }));
/** The stub provider's issued key and the shop's copy of it: nothing to rotate them with. */
const providerSecretAcknowledgements: Acknowledgement[] = ['IssuedApiKey', 'ShopAccount'].map((secret) => ({
  path: `Shop-Local-Payments/PaymentProvider/${secret}`,
  id: 'AwsSolutions-SMG4',
  reason:
    "A stub's key in a non-production stage; rotating it would need a rotation function for a provider that does not exist. A real provider's key is rotated by its operator (payments re-reads the secret after a 401).",
}));
/** The saga's role: LambdaInvoke's `<arn>:*` on each named step, and X-Ray / log delivery. */
const sagaAcknowledgements: Acknowledgement[] = [
  ...[
    'LoadOrderStatus',
    'ReserveInventory',
    'ReleaseInventory',
    'ChargePayment',
    'RefundPayment',
    'ScheduleShipment',
    'CancelShipment',
    'ConfirmOrder',
    'RejectOrder',
  ].map((step) => ({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:Shop-Local-${step}:*]`,
    reason:
      'Invoking one named step function, any of its versions (how LambdaInvoke grants); no other function.',
  })),
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray tracing and the CloudWatch Logs log delivery actions of Step Functions logging have no resource-level permissions.',
  },
].map((ack) => ({ path: 'Shop-Local-Saga/PlaceOrderSaga/StateMachine/Role', ...ack }));
/** The stuck-order sweeper reads the status of this machine's executions, whatever their names. */
const sweeperAcknowledgements: Acknowledgement[] = [
  {
    path: 'Shop-Local-Saga/PlaceOrderSaga/SettleStuckOrders/Role',
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:Shop-Local-place-order-saga:*]',
    reason:
      "DescribeExecution of this state machine's executions only, under any name: there is one per order.",
  },
];
/** The customers internal API (IAM-authorized), and the one caller's grant on its lookup method. */
const internalApiAcknowledgements: Acknowledgement[] = [
  ...[
    {
      id: 'AwsSolutions-APIG3',
      reason: 'Only SigV4-signed calls from granted roles get past IAM authorization; a WAF adds nothing.',
    },
    {
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide AWS::ApiGateway::Account role, which one stack per stage cannot own without fighting other stages; JSON access logs are on.',
    },
    {
      id: 'AwsSolutions-COG4',
      reason: 'Service-to-service API: callers are Lambda roles authorized by IAM (SigV4), not users.',
    },
  ].flatMap((ack) =>
    ['Customers/Customers', 'Orders/Orders', 'Payments/Payments', 'Shipping/Shipping'].map((service) => ({
      path: `Shop-Local-${service}/InternalApi/Api`,
      ...ack,
    })),
  ),
  {
    path: 'Shop-Local-Orders/Orders/PlaceOrder/Role',
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:Shop-Local-CustomersInternalApiId/internal/GET/customers/*]',
    reason:
      'Invoking one method of the customers internal API; the wildcard stands for its path parameters only.',
  },
  // A callback's body is the order as of its event, read from the orders internal API.
  ...['Deliveries/Consumer', 'ReplayCallback'].map((fn) => ({
    path: `Shop-Local-Notifications/Notifications/${fn}/Role`,
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:Shop-Local-OrdersInternalApiId/internal/GET/orders/*]',
    reason:
      'Invoking one method of the orders internal API; the wildcard stands for its path parameters only.',
  })),
];
/** The apps' APIs, and each app's function calling one method of a service's internal API per grant. */
const appsAcknowledgements: Acknowledgement[] = [
  ...['WebApi', 'MobileApi'].flatMap((api) => [
    {
      path: `Shop-Local-Apps/Apps/${api}/Api`,
      id: 'AwsSolutions-APIG3',
      reason:
        "No WAF web ACL yet (as the public API); the app's usage plan throttles it and caps its daily calls.",
    },
    {
      path: `Shop-Local-Apps/Apps/${api}/Api`,
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide AWS::ApiGateway::Account role, which one stack per stage cannot own without fighting other stages; JSON access logs are on.',
    },
  ]),
  ...(
    [
      ['WebBff', 'Orders', 'GET/orders/*'],
      ['WebBff', 'Orders', 'POST/orders'],
      ['WebBff', 'Orders', 'POST/orders/*/cancel'],
      ['WebBff', 'Orders', 'GET/customers/*/orders'],
      ['WebBff', 'Customers', 'GET/customers/*'],
      ['WebBff', 'Payments', 'GET/payments/*'],
      ['WebBff', 'Shipping', 'GET/shipments/*'],
      ['MobileBff', 'Orders', 'GET/orders/*'],
      ['MobileBff', 'Orders', 'POST/orders'],
      ['MobileBff', 'Orders', 'POST/orders/*/cancel'],
      ['MobileBff', 'Orders', 'GET/customers/*/orders'],
      ['MobileBff', 'Shipping', 'GET/shipments/*'],
    ] as const
  )
    .filter(([, , route]) => route.includes('*'))
    .map(([fn, service, route]) => ({
      path: `Shop-Local-Apps/Apps/${fn}/Role`,
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:Shop-Local-${service}InternalApiId/internal/${route}]`,
      reason: `Invoking one method of the ${service.toLowerCase()} internal API; the wildcard stands for its path parameters only.`,
    })),
];
/**
 * The push service: the WebSocket API's routes after $connect (only $connect can be authorized), and its
 * functions posting to the stage's connections and reading orders through the orders internal API.
 */
const pushAcknowledgements: Acknowledgement[] = [
  ...['$default', '$disconnect', 'subscribe'].map((route) => ({
    path: `Shop-Local-Push/Push/Api/${route}-Route`,
    id: 'AwsSolutions-APIG4',
    reason:
      'A WebSocket API authorizes $connect only (here with the user’s ID token); every later route runs on that authorized connection, and subscribe checks that the order is the customer’s own.',
  })),
  ...['Messages', 'FanOutOrderUpdates'].map((fn) => ({
    path: `Shop-Local-Push/Push/${fn}/Role`,
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<PushApi1A72912C>/v1/POST/@connections/*]',
    reason: 'Posting to this API stage’s connections; the wildcard stands for the connection id only.',
  })),
  {
    path: 'Shop-Local-Push/Push/Messages/Role',
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:Shop-Local-OrdersInternalApiId/internal/GET/orders/*]',
    reason:
      'Invoking one method of the orders internal API; the wildcard stands for its path parameters only.',
  },
];
const IS_THE_DLQ =
  'This queue is itself a dead-letter queue; its messages are inspected and redriven by a person.';
/** Every DeadLetterQueue: it needs no DLQ or redrive of its own. */
const deadLetterAcknowledgements: Acknowledgement[] = [
  'Orders/Orders/Projection',
  'Orders/Orders/Publication',
  'Saga/PlaceOrderSaga',
  'Inventory/Inventory/Events/Publication',
  'Payments/Payments/Events/Publication',
  'Shipping/Shipping/Events/Publication',
  'Orders/Orders/Choreography',
  'Inventory/Inventory/Choreography',
  'Payments/Payments/Choreography',
  'Shipping/Shipping/Choreography',
  'Notifications/Notifications/Deliveries',
  'Push/Push/FanOut',
  'Shipping/Shipping/Labels/Requests',
  'Shipping/Shipping/Labels/Replies',
  'Shipping/Shipping/Labels/Deadlines',
  'Shipping/Carrier/LabelDesk',
].flatMap((owner) => [
  {
    path: `Shop-Local-${owner}/DeadLetters/Queue`,
    id: 'AwsSolutions-SQS3',
    reason: IS_THE_DLQ,
  },
  {
    path: `Shop-Local-${owner}/DeadLetters/Queue`,
    id: 'Serverless-SQSRedrivePolicy',
    reason: IS_THE_DLQ,
  },
]);

/** Every queue's consumer: an SQS event source dead-letters through its queue's redrive policy. */
const queueMappingAcknowledgements: Acknowledgement[] = [
  ['Orders/Orders/Choreography', 'ShopLocalOrdersChoreographyQueue0DEF9EC3'],
  ['Inventory/Inventory/Choreography', 'ShopLocalInventoryChoreographyQueueD9D2C428'],
  ['Payments/Payments/Choreography', 'ShopLocalPaymentsChoreographyQueue2160EF0F'],
  ['Shipping/Shipping/Choreography', 'ShopLocalShippingChoreographyQueueD1170282'],
  ['Notifications/Notifications/Deliveries', 'ShopLocalNotificationsDeliveriesQueue097A156E'],
  ['Shipping/Shipping/Labels/Requests', 'ShopLocalShippingLabelsRequestsQueueF1810646'],
  ['Shipping/Shipping/Labels/Replies', 'ShopLocalShippingLabelsRepliesQueueA26B4FEC'],
  ['Shipping/Shipping/Labels/Deadlines', 'ShopLocalShippingLabelsDeadlinesQueueC82D470E'],
  ['Shipping/Carrier/LabelDesk', 'ShopLocalShippingCarrierLabelDeskQueue4F2BC452'],
].map(([owner, queue]) => ({
  path: `Shop-Local-${owner}/Consumer/Function/SqsEventSource:${queue}`,
  id: 'Serverless-LambdaEventSourceMappingDestination',
  reason:
    "An SQS event source mapping has no on-failure destination: the queue's redrive policy dead-letters a message after maxReceiveCount receives.",
}));

describe('acknowledgements', () => {
  const acknowledgements = acknowledgementsOf(synthShop('local').app);

  it('are exactly these (a new one must show up in review)', () => {
    const sorted = (list: readonly Acknowledgement[]) =>
      [...list].sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
    expect(acknowledgements.map(({ path, id, reason }) => ({ path, id, reason }))).toEqual(
      sorted([
        {
          path: 'Shop-Local-Edge/PublicApi/Api',
          id: 'AwsSolutions-APIG3',
          reason:
            'No WAF web ACL yet (cost and rules are an explicit later decision); stage throttling bounds abuse meanwhile.',
        },
        {
          path: 'Shop-Local-Edge/PublicApi/Api',
          id: 'AwsSolutions-APIG6',
          reason:
            'Execution logging needs the account-wide AWS::ApiGateway::Account role, which one stack per stage cannot own without fighting other stages; JSON access logs are on.',
        },
        ...['AwsSolutions-APIG4', 'AwsSolutions-COG4'].map((id) => ({
          path: 'Shop-Local-Edge/PublicApi/Api/Default/products/{sku}/GET',
          id,
          reason:
            'The public catalogue (a product, its price and stock) is for anyone, as a shop window is; the stage cache and throttling bound what it costs.',
        })),
        ...identityAcknowledgements,
        ...providerSecretAcknowledgements,
        {
          path: 'Shop-Local-Orders/Orders/CallbackSigningKey',
          id: 'AwsSolutions-SMG4',
          reason:
            'Rotating the key changes every order secret at once, invalidating the secrets receivers hold for orders still in flight: a rotation is a planned, announced operation, not a schedule.',
        },
        ...providerApiAcknowledgements,
        ...internalApiAcknowledgements,
        ...appsAcknowledgements,
        ...sagaAcknowledgements,
        ...sweeperAcknowledgements,
        ...functionAcknowledgements,
        ...deadLetterAcknowledgements,
        ...queueMappingAcknowledgements,
        ...pushAcknowledgements,
      ]),
    );
  });

  it('each give a real reason', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { reason } of acknowledgements) expect(reason.trim().length).toBeGreaterThanOrEqual(20);
  });

  it('each sit on one resource, never on the app, a stack or a grouping construct', () => {
    for (const { construct, path } of acknowledgements) {
      const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
      expect({ path, isStageOrStack: Stage.isStage(construct) || Stack.isStack(construct) }).toEqual({
        path,
        isStageOrStack: false,
      });
      expect({ path, isResource: resource !== undefined && CfnResource.isCfnResource(resource) }).toEqual({
        path,
        isResource: true,
      });
    }
  });
});
