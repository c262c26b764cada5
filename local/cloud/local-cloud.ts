import * as path from 'node:path';
import { buildRestApis, RestApiServer } from '../apigateway';
import { readCloudAssembly } from '../assembly/cloud-assembly';
import { DEFAULT_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTables } from '../dynamodb/ensure-tables';
import { TABLE_TYPES, toDefinition } from '../dynamodb/table-definitions';
import { DynamoDbStreamEventSources, streamMappingsFrom } from '../dynamodb-streams';
import { EndpointServer } from '../endpoint/endpoint-server';
import { buildEventBridgeModel, LocalEventBridge } from '../eventbridge';
import { LocalLambdaService } from '../lambda/local-lambda-service';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, LOCAL_URL_SUFFIX } from '../model/resolved-resource';
import { LocalSqs, queuesFromResources, SqsEventSourceMapping, sqsMappingsFromResources } from '../sqs';
import { LocalStepFunctions } from '../stepfunctions';
import { resolveAssembly } from '../template/resolve-assembly';
import { type FailureDestinations, sendToFailureDestination } from './failure-destinations';
import { lambdaFunctions } from './lambda-functions';
import { localizeOutputs, type StackOutputs } from './outputs';
import { stepFunctionsIntegrations } from './step-functions-integrations';
import { IGNORED_TYPES, SUPPORTED_TYPES } from './supported-types';
import { tracedLambda } from './traced-lambda';

export interface LocalCloudOptions {
  /** The cloud assembly to run (a `cdk.out` directory). */
  readonly assemblyDir: string;
  /** Keep data (DynamoDB tables) here across restarts; in memory when absent. */
  readonly dataDir?: string;
  readonly host?: string;
  /** First port for the API listeners (one per REST API, counting up); 0 picks free ports. */
  readonly apiBasePort?: number;
  /** Port of the single local AWS endpoint (4566 is LocalStack's); 0 picks a free one. */
  readonly endpointPort?: number;
  /** The readable timeline: requests, invocations, events, executions, function logs. Off when absent. */
  readonly trace?: (line: string) => void;
}

export interface LocalApi {
  readonly stackName: string;
  readonly logicalId: string;
  readonly name: string;
  readonly id: string;
  /** `http://host:port`; each stage is served under `/<stage>/`. */
  readonly baseUrl: string;
  readonly stageUrls: readonly string[];
}

/**
 * A synthesized CDK app running on this machine: DynamoDB Local (with its streams feeding Lambda), each
 * function's own bundle in its own Node processes, one HTTP listener per REST API, SQS, EventBridge and
 * Step Functions, and one AWS endpoint for them all, wired from the resolved templates. Generic: it
 * reads any cloud assembly and knows nothing of the app.
 */
export class LocalCloud {
  private constructor(
    readonly apis: readonly LocalApi[],
    readonly outputs: StackOutputs,
    /** What the templates hold that the local cloud does not run, one line each, to print once. */
    readonly warnings: readonly string[],
    /** The single local AWS endpoint: point `AWS_ENDPOINT_URL` (SDK or CLI) here. */
    readonly endpoint: string,
    private readonly stopAll: () => Promise<void>,
  ) {}

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const trace = options.trace;
    const host = options.host ?? '127.0.0.1';
    const warnings: string[] = [];
    const stoppers: Array<() => Promise<void>> = [];
    const stopAll = async () => {
      // Reverse start order: listeners and pollers first, so nothing new reaches a stopped backend.
      for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    };

    try {
      const assembly = readCloudAssembly(options.assemblyDir);
      const db = await startDynamoDbLocal({
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
        region: LOCAL_REGION,
      });
      stoppers.push(() => db.stop());

      // The endpoint listens first: queue URLs and the functions' AWS_ENDPOINT_URL are built on its address.
      const endpointServer = new EndpointServer({
        services: [],
        dynamoDbEndpoint: db.endpoint,
        ...(trace ? { onTrace: trace } : {}),
      });
      const endpoint = await endpointServer.listen(options.endpointPort ?? 0, host);
      stoppers.push(() => endpointServer.close());

      const resolved = resolveAssembly(assembly.stacks, {
        supportedTypes: SUPPORTED_TYPES,
        ignoredTypes: IGNORED_TYPES,
        serviceEndpoint: endpoint,
      });
      const { resources } = resolved;
      warnings.push(
        ...resolved.unsupported.map((u) => `${u.stackName}/${u.logicalId} (${u.type}): ${u.reason}`),
        ...resolved.unresolved.map((u) => `${u.location}: ${u.intrinsic} ${u.reason}`),
      );

      await ensureTables(
        db.client,
        resources
          .filter((r) => TABLE_TYPES.has(r.type))
          .map((r) => toDefinition(r.logicalId, r.properties, r.physicalId)),
      );

      // Services that reference each other are created first and connected through these late bindings.
      let sqs: LocalSqs | undefined;
      let events: LocalEventBridge | undefined;
      const destinations = (): FailureDestinations => {
        if (!sqs || !events) throw new Error('failure destinations used before the services exist');
        return { sqs, events, lambda, warn: (message: string) => warnings.push(message) };
      };

      const lambda: LocalLambdaService = new LocalLambdaService({
        region: LOCAL_REGION,
        credentials: DEFAULT_LOCAL_CREDENTIALS,
        ...(trace ? { onLog: (fn: string, line: string) => trace(`log      ${fn}: ${line}`) } : {}),
        onAsyncFailure: (destinationArn, record) =>
          sendToFailureDestination(destinations(), destinationArn, record),
      });
      stoppers.push(() => lambda.close());
      const functionEnvironment = {
        // Every SDK call of a function goes to the single local endpoint, as it would go to AWS.
        AWS_ENDPOINT_URL: endpoint,
        // The SDK warns about the host's Node version (the function's runtime in AWS is newer): noise
        // about this machine, not about the function.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      for (const definition of lambdaFunctions(assembly, resources, functionEnvironment))
        lambda.register(definition);
      const invoker = trace ? tracedLambda(lambda, trace) : lambda;

      sqs = new LocalSqs({ endpoint, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID });
      warnings.push(...queuesFromResources(sqs, resources).warnings);
      const localSqs = sqs;

      let stepFunctions: LocalStepFunctions | undefined;
      const eventBridgeModel = buildEventBridgeModel(resources, {
        accountId: LOCAL_ACCOUNT_ID,
        region: LOCAL_REGION,
      });
      warnings.push(...eventBridgeModel.warnings);
      events = new LocalEventBridge({
        model: eventBridgeModel,
        region: LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        dispatcher: {
          lambda: invoker,
          sendToQueue: async (queueArn, body, { messageGroupId, messageAttributes }) => {
            localSqs.send(queueArn, body, {
              ...(messageGroupId === undefined ? {} : { groupId: messageGroupId }),
              ...(messageAttributes === undefined
                ? {}
                : {
                    messageAttributes: Object.fromEntries(
                      Object.entries(messageAttributes).map(([name, value]) => [
                        name,
                        { DataType: 'String', StringValue: value },
                      ]),
                    ),
                  }),
            });
          },
          startExecution: async (stateMachineArn, input) => {
            if (!stepFunctions) throw new Error('Step Functions is not running');
            await stepFunctions.startExecution(stateMachineArn, input);
          },
        },
        ...(trace ? { onTrace: (line: string) => trace(`events   ${line}`) } : {}),
        onWarning: (message) =>
          (trace ?? ((line: string) => process.stderr.write(`${line}\n`)))(`events   ${message}`),
      });
      events.startSchedules();
      stoppers.push(async () => events?.close());

      stepFunctions = new LocalStepFunctions(resources, {
        lambda: invoker,
        region: LOCAL_REGION,
        integrations: stepFunctionsIntegrations({ sqs: localSqs, events, dynamodb: db.client }),
        ...(trace ? { onTrace: (line: string) => trace(`states   ${line}`) } : {}),
      });
      warnings.push(...stepFunctions.warnings());
      const localStepFunctions = stepFunctions;
      stoppers.push(() => localStepFunctions.close());

      for (const service of [localSqs, events, stepFunctions]) endpointServer.mount(service);
      endpointServer.serveLambda(lambda);

      const sqsMappings = sqsMappingsFromResources(resources);
      warnings.push(...sqsMappings.warnings);
      for (const config of sqsMappings.mappings) {
        const mapping = new SqsEventSourceMapping(config, {
          sqs: localSqs,
          lambda: invoker,
          ...(trace
            ? {
                onBatch: (outcome) =>
                  trace(`sqs      ${config.id} -> ${config.functionName}: ${JSON.stringify(outcome)}`),
              }
            : {}),
        });
        mapping.start();
        stoppers.push(() => mapping.stop());
      }

      const streamMappings = streamMappingsFrom(resources);
      warnings.push(...streamMappings.warnings);
      const streams = new DynamoDbStreamEventSources({
        mappings: streamMappings.mappings,
        lambda: invoker,
        endpoint: db.endpoint,
        region: LOCAL_REGION,
        credentials: DEFAULT_LOCAL_CREDENTIALS,
        onFailure: (destinationArn, record) =>
          sendToFailureDestination(destinations(), destinationArn, record),
        ...(trace ? { onTrace: (line: string) => trace(`streams  ${line}`) } : {}),
      });
      await streams.start();
      stoppers.push(() => streams.stop());

      const apis: LocalApi[] = [];
      let nextPort = options.apiBasePort ?? 0;
      for (const model of buildRestApis(resources)) {
        warnings.push(...model.warnings.map((w) => `${model.stackName}/${model.logicalId}: ${w}`));
        const server = new RestApiServer(model, {
          lambda: invoker,
          region: LOCAL_REGION,
          ...(trace
            ? {
                onAccessLog: (line: string) => trace(`api      ${model.name}: ${line}`),
                onExecutionLog: (line: string) => trace(`api      ${model.name}: ${line}`),
              }
            : {}),
        });
        const baseUrl = await server.listen(nextPort, host);
        stoppers.push(() => server.close());
        if (nextPort !== 0) nextPort += 1;
        apis.push({
          stackName: model.stackName,
          logicalId: model.logicalId,
          name: model.name,
          id: model.id,
          baseUrl,
          stageUrls: [...model.stages.keys()].map((stage) => `${baseUrl}/${stage}/`),
        });
      }

      const outputs = localizeOutputs(
        resolved.outputs,
        apis.map((api) => ({ apiId: api.id, localBaseUrl: api.baseUrl })),
        LOCAL_REGION,
        LOCAL_URL_SUFFIX,
      );
      return new LocalCloud(apis, outputs, warnings, endpoint, stopAll);
    } catch (error) {
      await stopAll();
      throw error;
    }
  }

  /** Stops every listener, poller, function process and DynamoDB Local; resolves when all are gone. */
  stop(): Promise<void> {
    return this.stopAll();
  }
}
