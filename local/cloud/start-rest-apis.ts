import { buildRestApis, RestApiServer } from '../apigateway';
import type { LambdaService } from '../lambda/types';
import { LOCAL_REGION } from '../model/resolved-resource';
import type { CloudContext } from './cloud-context';

export interface LocalApi {
  readonly stackName: string;
  readonly logicalId: string;
  readonly name: string;
  readonly id: string;
  /** `http://host:port`; each stage is served under `/<stage>/`. */
  readonly baseUrl: string;
  readonly stageUrls: readonly string[];
}

/** One HTTP listener per REST API, on consecutive ports from `basePort` (0: free ports). */
export async function startRestApis(
  context: CloudContext,
  lambda: LambdaService,
  host: string,
  basePort: number,
): Promise<LocalApi[]> {
  const { trace } = context;
  const apis: LocalApi[] = [];
  let nextPort = basePort;
  for (const model of buildRestApis(context.resources)) {
    context.warnings.push(...model.warnings.map((w) => `${model.stackName}/${model.logicalId}: ${w}`));
    const log = trace ? (line: string) => trace(`api      ${model.name}: ${line}`) : undefined;
    const server = new RestApiServer(model, {
      lambda,
      region: LOCAL_REGION,
      ...(log ? { onAccessLog: log, onExecutionLog: log } : {}),
    });
    const baseUrl = await server.listen(nextPort, host);
    context.stoppers.add(() => server.close());
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
  return apis;
}
