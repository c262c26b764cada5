import * as path from 'node:path';
import { buildRestApis, RestApiServer } from '../apigateway';
import { readCloudAssembly } from '../assembly/cloud-assembly';
import {
  DEFAULT_LOCAL_CREDENTIALS,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../dynamodb/dynamodb-local';
import { ensureTables } from '../dynamodb/ensure-tables';
import { TABLE_TYPES, toDefinition } from '../dynamodb/table-definitions';
import { EndpointServer } from '../endpoint/endpoint-server';
import { LocalLambdaService } from '../lambda/local-lambda-service';
import { LOCAL_REGION, LOCAL_URL_SUFFIX } from '../model/resolved-resource';
import { resolveAssembly } from '../template/resolve-assembly';
import { lambdaFunctions } from './lambda-functions';
import { localizeOutputs, type StackOutputs } from './outputs';
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
  /** The readable timeline: requests, invocations, function logs. Off when absent. */
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
 * A synthesized CDK app running on this machine: DynamoDB Local for the tables, each Lambda function's
 * own bundle in its own Node processes, and one HTTP listener per REST API, all wired from the resolved
 * templates. Generic: it reads any cloud assembly and knows nothing of the app.
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
    const assembly = readCloudAssembly(options.assemblyDir);
    const resolved = resolveAssembly(assembly.stacks, {
      supportedTypes: SUPPORTED_TYPES,
      ignoredTypes: IGNORED_TYPES,
    });
    const warnings = [
      ...resolved.unsupported.map((u) => `${u.stackName}/${u.logicalId} (${u.type}): ${u.reason}`),
      ...resolved.unresolved.map((u) => `${u.location}: ${u.intrinsic} ${u.reason}`),
    ];
    const stoppers: Array<() => Promise<void>> = [];
    const stopAll = async () => {
      // Reverse start order: listeners first, so nothing new reaches a stopped backend.
      for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    };

    try {
      const db: DynamoDbLocal = await startDynamoDbLocal({
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}),
        region: LOCAL_REGION,
      });
      stoppers.push(() => db.stop());

      const endpointServer = new EndpointServer({
        services: [],
        dynamoDbEndpoint: db.endpoint,
        ...(options.trace ? { onTrace: options.trace } : {}),
      });
      const endpoint = await endpointServer.listen(options.endpointPort ?? 0, options.host ?? '127.0.0.1');
      stoppers.push(() => endpointServer.close());
      await ensureTables(
        db.client,
        resolved.resources
          .filter((r) => TABLE_TYPES.has(r.type))
          .map((r) => toDefinition(r.logicalId, r.properties, r.physicalId)),
      );

      const lambda = new LocalLambdaService({
        region: LOCAL_REGION,
        credentials: DEFAULT_LOCAL_CREDENTIALS,
        ...(options.trace
          ? { onLog: (fn: string, line: string) => options.trace?.(`log      ${fn}: ${line}`) }
          : {}),
      });
      stoppers.push(() => lambda.close());
      const functionEnvironment = {
        // Every SDK call of a function goes to the single local endpoint, as it would to AWS.
        AWS_ENDPOINT_URL: endpoint,
        // The SDK warns about the host's Node version (20 here, the function's runtime in AWS is newer):
        // noise about this machine, not about the function.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      for (const definition of lambdaFunctions(assembly, resolved.resources, functionEnvironment)) {
        lambda.register(definition);
      }
      const invoker = options.trace ? tracedLambda(lambda, options.trace) : lambda;

      const apis: LocalApi[] = [];
      let nextPort = options.apiBasePort ?? 0;
      for (const model of buildRestApis(resolved.resources)) {
        warnings.push(...model.warnings.map((w) => `${model.stackName}/${model.logicalId}: ${w}`));
        const server = new RestApiServer(model, {
          lambda: invoker,
          region: LOCAL_REGION,
          ...(options.trace
            ? {
                onAccessLog: (line: string) => options.trace?.(`api      ${model.name}: ${line}`),
                onExecutionLog: (line: string) => options.trace?.(`api      ${model.name}: ${line}`),
              }
            : {}),
        });
        const baseUrl = await server.listen(nextPort, options.host ?? '127.0.0.1');
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

  /** Stops every listener, function process and DynamoDB Local; resolves when all are gone. */
  stop(): Promise<void> {
    return this.stopAll();
  }
}
