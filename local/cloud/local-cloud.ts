import * as path from 'node:path';
import type { WebSocketLimits } from '../apigatewayv2/websocket-api-server';
import { readCloudAssembly } from '../assembly/cloud-assembly';
import { ConsoleApi } from '../console/console-api';
import { CONSOLE_PATH, ConsoleRoute } from '../console/console-route';
import { TraceRing } from '../console/trace-ring';
import { traceSink } from '../console/trace-sink';
import { TraceStreams } from '../console/trace-stream';
import { capacityNote } from '../dynamodb/capacity-settings';
import { DEFAULT_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTables } from '../dynamodb/ensure-tables';
import { resolvedTableDefinitions } from '../dynamodb/table-definitions';
import { type EndpointCall, EndpointServer } from '../endpoint/endpoint-server';
import { LambdaListRoute } from '../endpoint/lambda-list-route';
import { LocalLambdaService } from '../lambda/local-lambda-service';
import type { InvokeResult, LocalFunctionDefinition } from '../lambda/types';
import {
  LOCAL_ACCOUNT_ID,
  LOCAL_PARTITION,
  LOCAL_REGION,
  LOCAL_URL_SUFFIX,
} from '../model/resolved-resource';
import { LocalSecrets, provisionSecrets, SecretsManagerService } from '../secretsmanager';
import { DEFAULT_MAX_DEFER_MS, RequestsInFlight } from '../shared/requests-in-flight';
import { LOCAL_TLS_CERT_FILE } from '../shared/tls/local-tls';
import { SnsService } from '../sns';
import { resolveAssembly } from '../template/resolve-assembly';
import type { CloudContext } from './cloud-context';
import {
  type DestinationRecord,
  type Destinations,
  sendToDestination,
  unsupportedDestinations,
} from './destinations';
import { directDynamoDbEndpoints } from './direct-dynamodb';
import { endpointInput } from './endpoint-trace';
import { functionCredentials } from './function-credentials';
import { lambdaFunctions } from './lambda-functions';
import { notEmulatedOutputWarnings, withoutForeignAddresses } from './not-emulated-outputs';
import { type LocalAddresses, localizeOutputs, localizeUrls, type StackOutputs } from './outputs';
import { startEventSources } from './start-event-sources';
import { startHttpApis } from './start-http-apis';
import { startMessaging } from './start-messaging';
import { type LocalApi, startRestApis } from './start-rest-apis';
import { type LocalUserPoolDomain, startUserPools } from './start-user-pools';
import { startWebSocketApis } from './start-websocket-apis';
import { Stoppers } from './stoppers';
import { IGNORED_TYPES, SUPPORTED_TYPES } from './supported-types';
import { completionInput, tracedLambda } from './traced-lambda';

export type { LocalApi } from './start-rest-apis';
export type { LocalUserPoolDomain } from './start-user-pools';

export interface LocalCloudOptions {
  /** The cloud assembly to run (a `cdk.out` directory). */
  readonly assemblyDir: string;
  /**
   * Keep data here across restarts: tables, stream positions, queued messages, executions and archived
   * events (see README.md, "--data-dir"). In memory when absent.
   */
  readonly dataDir?: string;
  readonly host?: string;
  /** First port for the API listeners (one per REST API, counting up); 0 picks free ports. */
  readonly apiBasePort?: number;
  /** Port of the single local AWS endpoint (4566 is LocalStack's); 0 picks a free one. */
  readonly endpointPort?: number;
  /** The readable timeline: requests, invocations, events, executions, function logs. Off when absent. */
  readonly trace?: (line: string) => void;
  /**
   * The local console, a web page on the AWS endpoint (`<endpoint>/_console/`): the timeline by
   * correlation id, executions' paths, queues and their dead letters, tables, function logs. Default off
   * here (the `local-cloud` bin turns it on); it keeps the last records of the timeline in memory.
   */
  readonly console?: boolean;
  /**
   * `false`: Lambda's pollers do not run, so no SQS queue or DynamoDB stream feeds its functions (as if
   * every event source mapping were disabled); everything else, EventBridge rules included, runs. For a
   * benchmark that wants the request path without the work its writes set off downstream. Default true.
   */
  readonly eventSourceMappings?: boolean;
  /**
   * `false`: Lambda's pollers deliver each batch at once even while API requests are being answered.
   * Default true: they defer it until no request is in flight, for at most 5 s, so that a burst of
   * requests is not slowed by the background work its own writes set off on the same cores (see
   * README.md, "Where the time goes").
   */
  readonly yieldToRequests?: boolean;
  /**
   * WebSocket APIs' idle timeout and maximum connection duration (AWS's 10 minutes and 2 hours by
   * default), shorter for a test that proves what happens when they pass.
   */
  readonly webSocket?: Partial<WebSocketLimits>;
}

/**
 * A synthesized CDK app running on this machine: DynamoDB Local (with its streams feeding Lambda), each
 * function's own bundle in its own Node processes, one HTTP listener per REST API, SQS, EventBridge and
 * Step Functions, and one AWS endpoint for them all, wired from the resolved templates. Generic: it
 * reads any cloud assembly and knows nothing of the app.
 */
/** One function of the cloud as its operator sees it. */
export type LocalFunctionSummary = Pick<
  LocalFunctionDefinition,
  'name' | 'arn' | 'description' | 'memorySizeMb' | 'timeoutSeconds'
>;

export class LocalCloud {
  private constructor(
    readonly apis: readonly LocalApi[],
    readonly outputs: StackOutputs,
    /** What the templates hold that the local cloud does not run, one line each, to print once. */
    readonly warnings: readonly string[],
    /** The single local AWS endpoint: point `AWS_ENDPOINT_URL` (SDK or CLI) here. */
    readonly endpoint: string,
    /** The user pool domains, each with its local token endpoint (on the AWS endpoint). */
    readonly userPoolDomains: readonly LocalUserPoolDomain[],
    /** Every function it runs, by the name the trace shows, with what Lambda would bill it by. */
    readonly functions: readonly LocalFunctionSummary[],
    private readonly stoppers: Stoppers,
    /** The console's page, when `console` is on. */
    readonly consoleUrl?: string,
  ) {}

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const host = options.host ?? '127.0.0.1';
    const stoppers = new Stoppers();
    const ring = options.console ? new TraceRing() : undefined;
    const record = traceSink(options.trace, ring);
    try {
      const assembly = readCloudAssembly(options.assemblyDir);
      const db = await startDynamoDbLocal({
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
        region: LOCAL_REGION,
      });
      stoppers.add(() => db.stop());

      // The endpoint listens first: queue URLs and the functions' AWS_ENDPOINT_URL are built on its address.
      const endpointServer = new EndpointServer({
        services: [],
        dynamoDbEndpoint: db.endpoint,
        ...(record
          ? { onTrace: (line: string, call: EndpointCall) => record(endpointInput(line, call)) }
          : {}),
      });
      const endpoint = await endpointServer.listen(options.endpointPort ?? 0, host);
      stoppers.add(() => endpointServer.close());

      const resolved = resolveAssembly(assembly.stacks, {
        supportedTypes: SUPPORTED_TYPES,
        ignoredTypes: IGNORED_TYPES,
        serviceEndpoint: endpoint,
      });
      const warnings = [
        ...resolved.unsupported.map((u) => `${u.stackName}/${u.logicalId} (${u.type}): ${u.reason}`),
        ...resolved.unresolved.map((u) => `${u.location}: ${u.intrinsic} ${u.reason}`),
      ];
      // Secrets first, as CloudFormation creates them: every other resource may hold a dynamic reference.
      const secrets = new LocalSecrets(
        options.dataDir ? path.join(options.dataDir, 'secretsmanager', 'secrets.json') : undefined,
      );
      endpointServer.mount(
        new SecretsManagerService(
          secrets,
          `arn:${LOCAL_PARTITION}:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:secret:`,
        ),
      );
      const requests = new RequestsInFlight();
      const context: CloudContext = {
        resources: provisionSecrets(resolved.resources, secrets, (message) => warnings.push(message)),
        stoppers,
        warnings,
        requests,
        ...(options.yieldToRequests === false
          ? {}
          : {
              beforeBatch: (signal?: AbortSignal) => requests.yieldToRequests(DEFAULT_MAX_DEFER_MS, signal),
            }),
        ...(record ? { record } : {}),
        ...(options.trace ? { printsTrace: true } : {}),
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      };

      await ensureTables(db.client, resolvedTableDefinitions(context.resources));
      const capacity = capacityNote(context.resources);
      if (capacity) context.warnings.push(capacity);

      // Lambda's destinations are queues, buses and functions, which exist only below.
      let destinations: Destinations | undefined;
      const toDestination = (destinationArn: string, record: DestinationRecord) => {
        if (!destinations) throw new Error(`destination ${destinationArn} used before it exists`);
        return sendToDestination(destinations, destinationArn, record);
      };
      context.warnings.push(...unsupportedDestinations(context.resources));
      const lambda = new LocalLambdaService({
        region: LOCAL_REGION,
        credentials: DEFAULT_LOCAL_CREDENTIALS,
        ...(record
          ? {
              onLog: (fn: string, line: string) =>
                void record({ kind: 'log', fn, line: `log      ${fn}: ${line}`, subject: line }),
              onAsyncAttempt: (fn: string, result: InvokeResult) => void record(completionInput(fn, result)),
            }
          : {}),
        onAsyncDestination: toDestination,
      });
      stoppers.add(() => lambda.close());
      const functionEnvironment = {
        // Every SDK call of a function goes to the single local endpoint, as it would go to AWS.
        AWS_ENDPOINT_URL: endpoint,
        // The SDK warns about the host's Node version (the function's runtime in AWS is newer): noise
        // about this machine, not about the function.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // The local listeners that speak TLS (a WebSocket API's domainName) show this certificate.
        NODE_EXTRA_CA_CERTS: LOCAL_TLS_CERT_FILE,
        // DynamoDB calls go straight to DynamoDB Local: the endpoint only forwards them byte for byte, and
        // that hop was two more process wake-ups per call on the request path. With --trace they take the
        // endpoint, so each call is on the timeline.
        ...(options.trace ? {} : directDynamoDbEndpoints(db.endpoint)),
      };
      const invoker = record ? tracedLambda(lambda, record) : lambda;
      // The APIs listen first, so that function environments can hold their local URLs; nothing is
      // invoked before the functions are registered just below (the cloud is not ready yet).
      // Each function signs with a key of its own, standing for its role: IAM-authorized methods admit it
      // where the role's policies allow. The shared key (a person's CLI) may call any of them.
      const credentials = functionCredentials(context.resources, (message) => context.warnings.push(message));
      // Before the APIs: their user pool authorizers check tokens with the pools' keys.
      const { userPools, domains } = startUserPools(context, endpointServer);
      const rest = await startRestApis(
        context,
        invoker,
        host,
        options.apiBasePort ?? 0,
        [DEFAULT_LOCAL_CREDENTIALS, ...credentials.values()],
        userPools,
      );
      // HTTP APIs take the ports after the REST APIs'.
      const basePort = options.apiBasePort ?? 0;
      const http = await startHttpApis(
        context,
        invoker,
        host,
        basePort === 0 ? 0 : basePort + rest.apis.length,
        [DEFAULT_LOCAL_CREDENTIALS, ...credentials.values()],
        userPools,
      );
      // WebSocket APIs take the ports after the HTTP APIs'.
      const webSocket = await startWebSocketApis(
        context,
        invoker,
        endpointServer,
        host,
        basePort === 0 ? 0 : basePort + rest.apis.length + http.apis.length,
        [DEFAULT_LOCAL_CREDENTIALS, ...credentials.values()],
        options.webSocket,
      );
      const apis = [...rest.apis, ...http.apis, ...webSocket.apis];
      const apiFunctions = new Set([...rest.functionArns, ...http.functionArns, ...webSocket.functionArns]);
      const addresses: LocalAddresses = {
        apis: apis.map((api) => ({ apiId: api.id, localBaseUrl: api.baseUrl })),
        userPoolDomains: domains,
      };
      const localUrls = localizeUrls(addresses, LOCAL_REGION, LOCAL_URL_SUFFIX);
      secrets.presentWith(localUrls);
      const definitions = lambdaFunctions(assembly, context.resources, functionEnvironment);
      for (const definition of definitions) {
        // Never the shared key: it passes every IAM check, which would hide a missing grant.
        const own = credentials.get(definition.name);
        if (!own) throw new Error(`function ${definition.name} has no credentials of its own`);
        lambda.register({
          ...definition,
          credentials: { accessKeyId: own.accessKeyId, secretAccessKey: own.secretAccessKey },
          environment: Object.fromEntries(
            Object.entries(definition.environment).map(([name, value]) => [name, localUrls(value)]),
          ),
        });
      }
      context.warnings.push(...lambda.runtimeWarnings());
      // Someone waits on these: their first environments load while the rest of the cloud starts.
      for (const arn of apiFunctions) if (lambda.has(arn)) lambda.prewarm(arn);

      const { sqs, sns, events, stepFunctions } = startMessaging(context, invoker, endpoint, db.client);
      destinations = { sqs, sns, events, lambda };
      for (const service of [sqs, events, stepFunctions]) endpointServer.mount(service);
      endpointServer.mountQuery(new SnsService(sns, LOCAL_REGION));
      endpointServer.serveLambda(lambda);

      if (options.eventSourceMappings !== false)
        await startEventSources(context, invoker, sqs, db, toDestination);

      const notEmulated = resolved.notEmulatedOutputs;
      const outputs = withoutForeignAddresses(
        localizeOutputs(resolved.outputs, addresses, LOCAL_REGION, LOCAL_URL_SUFFIX),
        notEmulated,
      );
      context.warnings.push(...notEmulatedOutputWarnings(notEmulated));
      const functions = definitions.map(({ name, arn, description, memorySizeMb, timeoutSeconds }) => ({
        name,
        arn,
        ...(description === undefined ? {} : { description }),
        memorySizeMb,
        timeoutSeconds,
      }));
      endpointServer.addRoute(new LambdaListRoute(functions));
      if (ring) {
        const streams = new TraceStreams(ring);
        // Added last, so stopped first: the open streams end before the endpoint closes under them.
        stoppers.add(() => streams.close());
        endpointServer.addRoute(
          new ConsoleRoute(new ConsoleApi({ ring, sqs, stepFunctions, dynamodb: db.client }), streams),
        );
      }
      const consoleUrl = ring ? new URL(CONSOLE_PATH, endpoint).toString() : undefined;
      return new LocalCloud(
        apis,
        outputs,
        context.warnings,
        endpoint,
        domains,
        functions,
        stoppers,
        consoleUrl,
      );
    } catch (error) {
      await stoppers.stopAll();
      throw error;
    }
  }

  /** Stops every listener, poller, function process and DynamoDB Local; resolves when all are gone. */
  stop(): Promise<void> {
    return this.stoppers.stopAll();
  }
}
