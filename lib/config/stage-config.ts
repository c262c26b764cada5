import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGE_NAMES = ['local', 'dev', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** Everything that differs between stages, in one typed object per stage. */
export interface StageConfig {
  readonly stage: StageName;
  /** Prefix of every stack name, so stages can share an account. */
  readonly stackPrefix: string;
  readonly data: {
    readonly removalPolicy: RemovalPolicy;
    readonly deletionProtection: boolean;
    readonly pointInTimeRecovery: boolean;
  };
  readonly logs: {
    readonly retention: RetentionDays;
    readonly removalPolicy: RemovalPolicy;
    readonly level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  };
  readonly api: {
    /** Steady-state requests per second across the stage, and the burst above it. */
    readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
    /** The gateway's own integration timeout stays the 29 s default; functions must finish well before. */
    readonly functionTimeout: Duration;
    /**
     * The browser origins (`scheme://host[:port]`, exact, no wildcards) that may call the public API from
     * script: its preflight answers them, and the functions and the gateway's own responses grant them.
     * Empty: no CORS at all (no `OPTIONS` routes, no CORS headers). Services' internal APIs have none.
     */
    readonly corsOrigins: readonly string[];
    /**
     * How long the public API's stage cache keeps `GET /products/{sku}` per SKU (a price or stock change
     * shows within this; a caller allowed `execute-api:InvalidateCache` refreshes one SKU sooner).
     */
    readonly productCacheTtl: Duration;
  };
  readonly alarms: {
    /** Server errors (5XX) per 5-minute period on the public API that raise the alarm. */
    readonly api5xxPerPeriod: number;
    /** Function errors per 5-minute period that raise a function's alarm. */
    readonly functionErrorsPerPeriod: number;
  };
  readonly orders: {
    /** A snapshot every this many events (at least 2: a new order is one event and never needs one). */
    readonly snapshotEvery: number;
    /** The EventStore stream's two consumers: the read-model projector and the bus publisher. */
    readonly projector: StreamConsumerConfig;
    readonly publisher: StreamConsumerConfig;
    /** Placing an order asks the customers service; it gives up after this (well inside the function's). */
    readonly customerLookupTimeout: Duration;
  };
  readonly events: {
    /** How long the bus archive keeps events for replay. */
    readonly archiveRetention: Duration;
    /** Each service's outbox relay (its Outbox table's stream -> the bus), as orders' publisher is. */
    readonly outboxRelay: StreamConsumerConfig;
  };
  readonly payments: {
    /**
     * Where the shop's account with its payment provider comes from: the stub provider deployed beside
     * payments (non-production), or a Secrets Manager secret an operator keeps (`{ url, apiKey }`, JSON),
     * with no stub deployed at all.
     */
    readonly provider: { readonly kind: 'stub' } | { readonly kind: 'external'; readonly secretName: string };
    /** Each request to the provider gives up after this (well inside the function's timeout). */
    readonly providerTimeout: Duration;
    /** The circuit breaker in front of the provider (lambdas/shared/resilience/README.md: tuning). */
    readonly breaker: {
      readonly failures: number;
      readonly window: Duration;
      readonly open: Duration;
      readonly probeTimeout: Duration;
    };
  };
  /** Shipping's labels, asked of a carrier by request/reply over SQS once an order is confirmed. */
  readonly shipping: ShippingConfig;
  /** The choreographed saga's consumers: each service's queue of bus events and its function. */
  readonly choreography: {
    /** How long a message stays invisible while a consumer works on it; a failed one comes back after. */
    readonly visibilityTimeout: Duration;
    /** Receives of a message before its queue's DLQ takes it (and the order's deadline will settle it). */
    readonly maxReceiveCount: number;
    /**
     * Receives of a charge the provider could not take before it counts as PAYMENT_UNAVAILABLE (the
     * orchestrated saga's ChargePayment is tried three times, too).
     */
    readonly chargeAttempts: number;
  };
  readonly saga: {
    /**
     * How often the sweeper looks for orders the place-order saga left PENDING, and how long an order must
     * have been PENDING first (past the execution's 10-minute timeout: a healthy saga has decided by then).
     */
    readonly sweepEvery: Duration;
    readonly pendingFor: Duration;
  };
  /** The shop's own apps' backends (the web and mobile BFFs over one composition core). */
  readonly apps: AppsConfig;
  /** Order updates pushed over a WebSocket API. */
  readonly push: {
    /** The OrderViews stream's consumer that posts each change to its subscribers. */
    readonly fanOut: StreamConsumerConfig;
    /** A subscribe request's look-up of the order gives up after this (well inside the function's). */
    readonly ordersApiTimeout: Duration;
  };
  /** Signed callbacks of an order's final status to its `callbackUrl` (the notifications service). */
  readonly callbacks: CallbacksConfig;
  /** Non-production stages expose test hooks (stock setting, provider controls). */
  readonly testHooks: boolean;
}

export interface AppsConfig {
  /** A composed answer is ready within this of the request, whatever a backend does. */
  readonly deadline: Duration;
  /** Each part's call, within the deadline. */
  readonly partTimeout: Duration;
  /** A command relayed to the orders service gives up after this (well inside the function's timeout). */
  readonly commandTimeout: Duration;
  /** Each backend's breaker, shared by both apps (lambdas/shared/resilience/README.md: tuning). */
  readonly breaker: {
    readonly failures: number;
    readonly window: Duration;
    readonly open: Duration;
    readonly probeTimeout: Duration;
    /** How long an app's function trusts a closed state it read (a read saved per part per request). */
    readonly closedStateTtl: Duration;
  };
  /** Each app's usage plan, bound to its API key: requests per second, burst, and a daily quota. */
  readonly usagePlans: Readonly<Record<'web' | 'mobile', UsagePlanConfig>>;
}

export interface CallbacksConfig {
  /**
   * Which callback URLs are accepted (lambdas/shared/http/callback-url-guard.ts): `public-https` refuses
   * plain http and hosts with private, loopback, link-local or metadata addresses; `local` also lets plain
   * http reach this machine, where a developer's receiver listens.
   */
  readonly urlPolicy: 'public-https' | 'local';
  /** The wait after each failed attempt; one attempt more than waits, then the DLQ. */
  readonly retrySchedule: readonly Duration[];
  /** A receiver that has not answered within this has failed the attempt (Standard Webhooks: 15 s at most). */
  readonly deliveryTimeout: Duration;
}

export interface ShippingConfig {
  /**
   * The carrier: the stub deployed beside shipping (non-production; `slowReplyDelay`: how late its "slow"
   * test recipient is answered), or a real carrier's request queue, whose ARN an operator keeps in the
   * named SSM parameter, with no stub deployed.
   */
  readonly carrier:
    | { readonly kind: 'stub'; readonly slowReplyDelay: Duration }
    | { readonly kind: 'external'; readonly requestQueueArnParameter: string };
  /**
   * A label request unanswered this long is asked again (a new request id), or, if it was the last attempt,
   * recorded failed (`CARRIER_TIMEOUT`); at most 15 minutes.
   */
  readonly labelDeadline: Duration;
  /** Requests per label, the first included: a label fails after `labelAttempts` x `labelDeadline`. */
  readonly labelAttempts: number;
}

export interface UsagePlanConfig {
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly quotaPerDay: number;
}

/** An event source mapping on a DynamoDB stream: what a poison record costs before it goes to the DLQ. */
export interface StreamConsumerConfig {
  readonly batchSize: number;
  /** Retries of a failing batch (each halves it: bisect on error) before the on-failure destination. */
  readonly retryAttempts: number;
  /** Records older than this skip to the on-failure destination instead of blocking the shard. */
  readonly maxRecordAge: Duration;
}

const streamConsumers = {
  projector: { batchSize: 100, retryAttempts: 6, maxRecordAge: Duration.hours(1) },
  publisher: { batchSize: 50, retryAttempts: 6, maxRecordAge: Duration.hours(6) },
} as const;

/**
 * Five provider failures within 30 s open the circuit: above what a healthy provider shows at this
 * shop's traffic, low enough that a dead provider costs seconds, not minutes, of piled-up calls (each
 * saga attempt already retries twice). It re-probes after 20 s: about how long the stub provider's (and
 * typical card processors') brownouts last, and long enough that a probe is not a retry storm.
 */
const BREAKER = {
  failures: 5,
  window: Duration.seconds(30),
  open: Duration.seconds(20),
  probeTimeout: Duration.seconds(5),
};

/**
 * A message comes back 15 s after a failed attempt (past the consumer's 10 s timeout, as SQS requires) and
 * is dead-lettered at its fifth receive: about a minute of retries, longer than the payment circuit's 20 s.
 */
const CHOREOGRAPHY = { visibilityTimeout: Duration.seconds(15), maxReceiveCount: 5, chargeAttempts: 3 };

/**
 * Pushing order updates: a change is worth pushing while a client may still be looking (a reconnecting
 * client gets the order as it is when it subscribes again), so one that cannot be delivered for 15 minutes
 * goes to the DLQ (and its alarm) instead of holding up the updates behind it.
 */
const PUSH_FAN_OUT: StreamConsumerConfig = {
  batchSize: 50,
  retryAttempts: 4,
  maxRecordAge: Duration.minutes(15),
};

/** Every 5 minutes, orders PENDING for 15: a stuck order is settled within 20 minutes of being placed. */
const SWEEPER = { sweepEvery: Duration.minutes(5), pendingFor: Duration.minutes(15) };

/**
 * A part is given 800 ms and the whole answer 1.2 s: a healthy internal API answers in tens of ms, so a
 * part past that is failing, and a page waits no longer than it must. A backend failing 5 times in 10 s
 * is left alone for 10 s (one probe then), so a dead service costs the apps no waiting at all. A function
 * trusts a closed circuit it read for 1 s: a circuit opened elsewhere is seen within a second, and a
 * request reads no breaker state at all most of the time.
 */
const APPS_ON_AWS: AppsConfig = {
  deadline: Duration.millis(1200),
  partTimeout: Duration.millis(800),
  commandTimeout: Duration.seconds(5),
  breaker: {
    failures: 5,
    window: Duration.seconds(10),
    open: Duration.seconds(10),
    probeTimeout: Duration.seconds(2),
    closedStateTtl: Duration.seconds(1),
  },
  usagePlans: {
    web: { rateLimit: 100, burstLimit: 200, quotaPerDay: 1_000_000 },
    mobile: { rateLimit: 100, burstLimit: 200, quotaPerDay: 1_000_000 },
  },
};

/**
 * Standard Webhooks' suggested schedule: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h:
 * eight attempts over about 28 hours, so a receiver down for most of a day still gets its callbacks.
 */
const CALLBACKS_ON_AWS: CallbacksConfig = {
  urlPolicy: 'public-https',
  retrySchedule: [
    Duration.seconds(5),
    Duration.minutes(5),
    Duration.minutes(30),
    Duration.hours(2),
    Duration.hours(5),
    Duration.hours(10),
    Duration.hours(10),
  ],
  deliveryTimeout: Duration.seconds(10),
};

/** The same eight attempts compressed into about 15 seconds, so retries are seen while developing. */
const CALLBACKS_LOCAL: CallbacksConfig = {
  urlPolicy: 'local',
  retrySchedule: [1, 1, 1, 2, 2, 4, 4].map((seconds) => Duration.seconds(seconds)),
  deliveryTimeout: Duration.seconds(5),
};

const ephemeralData = {
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
  pointInTimeRecovery: true,
} as const;

export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  local: {
    stage: 'local',
    stackPrefix: 'Shop-Local',
    data: ephemeralData,
    logs: { retention: RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY, level: 'DEBUG' },
    api: {
      throttle: { rateLimit: 500, burstLimit: 1000 },
      functionTimeout: Duration.seconds(10),
      // A front end's dev server (Vite's default port). One origin: the local cloud answers the preflight
      // as written (no VTL), so a second origin, which CDK selects with VTL, would only work on AWS.
      corsOrigins: ['http://localhost:5173'],
      // Long enough to see the cache at work while developing (the local cloud caches as AWS does).
      productCacheTtl: Duration.seconds(30),
    },
    alarms: { api5xxPerPeriod: 5, functionErrorsPerPeriod: 5 },
    // A cold function process on a busy laptop can take seconds; on AWS a cold lookup takes well under one.
    orders: { snapshotEvery: 50, ...streamConsumers, customerLookupTimeout: Duration.seconds(5) },
    events: { archiveRetention: Duration.days(7), outboxRelay: streamConsumers.publisher },
    payments: { provider: { kind: 'stub' }, providerTimeout: Duration.seconds(2), breaker: BREAKER },
    // Short, so a developer (and the end-to-end suite) sees a silent carrier's failure, and a slow one's
    // late replies arrive after it, within seconds. Two attempts rather than three: a request asked again,
    // the bound and late replies across attempts all show, and a silent carrier fails in 10 s, not 15.
    shipping: {
      carrier: { kind: 'stub', slowReplyDelay: Duration.seconds(8) },
      labelDeadline: Duration.seconds(5),
      labelAttempts: 2,
    },
    choreography: CHOREOGRAPHY,
    saga: SWEEPER,
    apps: {
      ...APPS_ON_AWS,
      // A cold function process on a busy laptop takes a second or two; on AWS a cold call well under one.
      deadline: Duration.seconds(4),
      partTimeout: Duration.seconds(3),
      // Mobile's plan is small on purpose: a developer (and the end-to-end suite) sees its 429 quickly.
      usagePlans: {
        web: APPS_ON_AWS.usagePlans.web,
        mobile: { rateLimit: 25, burstLimit: 25, quotaPerDay: 100_000 },
      },
    },
    // A cold function process on a busy laptop can take seconds (as the customer lookup).
    push: { fanOut: PUSH_FAN_OUT, ordersApiTimeout: Duration.seconds(5) },
    callbacks: CALLBACKS_LOCAL,
    testHooks: true,
  },
  dev: {
    stage: 'dev',
    stackPrefix: 'Shop-Dev',
    data: ephemeralData,
    logs: { retention: RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY, level: 'DEBUG' },
    api: {
      throttle: { rateLimit: 50, burstLimit: 100 },
      functionTimeout: Duration.seconds(10),
      // The dev front end, and a developer's local front end against the dev API.
      corsOrigins: ['https://dev.shop.example', 'http://localhost:5173'],
      productCacheTtl: Duration.seconds(60),
    },
    alarms: { api5xxPerPeriod: 5, functionErrorsPerPeriod: 5 },
    orders: { snapshotEvery: 50, ...streamConsumers, customerLookupTimeout: Duration.seconds(3) },
    events: { archiveRetention: Duration.days(14), outboxRelay: streamConsumers.publisher },
    payments: { provider: { kind: 'stub' }, providerTimeout: Duration.seconds(2), breaker: BREAKER },
    shipping: {
      carrier: { kind: 'stub', slowReplyDelay: Duration.minutes(3) },
      labelDeadline: Duration.minutes(2),
      labelAttempts: 3,
    },
    choreography: CHOREOGRAPHY,
    saga: SWEEPER,
    apps: APPS_ON_AWS,
    push: { fanOut: PUSH_FAN_OUT, ordersApiTimeout: Duration.seconds(3) },
    callbacks: CALLBACKS_ON_AWS,
    testHooks: true,
  },
  prod: {
    stage: 'prod',
    stackPrefix: 'Shop-Prod',
    data: { removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, pointInTimeRecovery: true },
    logs: { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN, level: 'INFO' },
    api: {
      throttle: { rateLimit: 200, burstLimit: 400 },
      functionTimeout: Duration.seconds(10),
      // No browser client is deployed yet: add its https origin here when one is.
      corsOrigins: [],
      productCacheTtl: Duration.minutes(5),
    },
    alarms: { api5xxPerPeriod: 1, functionErrorsPerPeriod: 1 },
    orders: { snapshotEvery: 50, ...streamConsumers, customerLookupTimeout: Duration.seconds(3) },
    events: { archiveRetention: Duration.days(90), outboxRelay: streamConsumers.publisher },
    payments: {
      provider: { kind: 'external', secretName: 'shop/prod/payment-provider' },
      providerTimeout: Duration.seconds(2),
      breaker: BREAKER,
    },
    // Carriers answer label requests within seconds; ten minutes rides out a carrier's brownout, and three
    // attempts a request the carrier lost: a label fails (and alarms) after half an hour of silence.
    shipping: {
      carrier: { kind: 'external', requestQueueArnParameter: '/shop/prod/carrier/label-request-queue-arn' },
      labelDeadline: Duration.minutes(10),
      labelAttempts: 3,
    },
    choreography: CHOREOGRAPHY,
    saga: SWEEPER,
    apps: APPS_ON_AWS,
    push: { fanOut: PUSH_FAN_OUT, ordersApiTimeout: Duration.seconds(3) },
    callbacks: CALLBACKS_ON_AWS,
    testHooks: false,
  },
};

/** The configuration for `-c stage=<name>`; an unknown name stops synth with the list of valid ones. */
export function stageConfig(name: unknown): StageConfig {
  if (typeof name === 'string' && (STAGE_NAMES as readonly string[]).includes(name)) {
    return STAGES[name as StageName];
  }
  throw new Error(`Unknown stage ${JSON.stringify(name)}; use -c stage=${STAGE_NAMES.join('|')}.`);
}
