import { type DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { LocalSqs } from '../sqs';
import type { SqsQueue } from '../sqs/sqs-queue';
import type { LocalStepFunctions } from '../stepfunctions';
import type { TraceRing } from './trace-ring';

/** What the console reads: the local cloud's own services, never a copy of their state. */
export interface ConsoleSources {
  readonly ring: TraceRing;
  readonly sqs?: LocalSqs;
  readonly stepFunctions?: LocalStepFunctions;
  readonly dynamodb?: DynamoDBClient;
}

/** A JSON route's answer: the body, or a status with a message. */
export type ApiAnswer = { status: number; body: unknown };

const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
const notFound = (message: string): ApiAnswer => ({ status: 404, body: { message } });

/** One page of the item browser: small, so a scan never holds the endpoint for long. */
const SCAN_PAGE = 25;
/** Messages shown per queue: the page lists, it does not dump. */
const MESSAGES_SHOWN = 50;

/**
 * The console's JSON routes, each a small read of the cloud's state (or, for redrive, one move of
 * messages). Kept apart from HTTP so they are tested as plain calls.
 */
export class ConsoleApi {
  constructor(private readonly sources: ConsoleSources) {}

  async answer(method: string, route: string, query: URLSearchParams): Promise<ApiAnswer> {
    const key = `${method} ${route}`;
    switch (key) {
      case 'GET trace':
        return ok(this.trace(Number(query.get('after') ?? 0)));
      case 'GET executions':
        return ok(await this.executions());
      case 'GET execution':
        return this.execution(query.get('arn') ?? '');
      case 'GET queues':
        return ok(this.queues());
      case 'GET messages':
        return this.messages(query.get('queue') ?? '');
      case 'POST redrive':
        return await this.redrive(query.get('queue') ?? '');
      case 'GET tables':
        return ok(await this.tables());
      case 'GET items':
        return this.items(query.get('table') ?? '', query.get('start'));
      default:
        return notFound(`no console route ${key}`);
    }
  }

  trace(after: number) {
    const { ring } = this.sources;
    return { lastSeq: ring.lastSeq, records: ring.after(Number.isFinite(after) ? after : 0, 1000) };
  }

  /** Every execution of every standard state machine, newest first, with its input (for correlation). */
  async executions() {
    const sfn = this.sources.stepFunctions;
    if (!sfn) return [];
    const machines = (await sfn.handle('ListStateMachines', { maxResults: 1000 })) as {
      stateMachines: { stateMachineArn: string; name: string; type: string }[];
    };
    const out: unknown[] = [];
    for (const machine of machines.stateMachines.filter((m) => m.type === 'STANDARD')) {
      const listed = (await sfn.handle('ListExecutions', {
        stateMachineArn: machine.stateMachineArn,
        maxResults: 100,
      })) as { executions: { executionArn: string }[] };
      for (const execution of listed.executions) {
        const described = (await sfn.handle('DescribeExecution', {
          executionArn: execution.executionArn,
        })) as Record<string, unknown>;
        out.push({ ...described, stateMachineName: machine.name });
      }
    }
    return out;
  }

  /** One execution with its machine's definition and its history: what the graph is drawn from. */
  async execution(arn: string): Promise<ApiAnswer> {
    const sfn = this.sources.stepFunctions;
    if (!sfn || !arn) return notFound('no such execution');
    try {
      const described = (await sfn.handle('DescribeExecution', { executionArn: arn })) as {
        stateMachineArn: string;
      };
      const machine = (await sfn.handle('DescribeStateMachine', {
        stateMachineArn: described.stateMachineArn,
      })) as { definition: string };
      const history = (await sfn.handle('GetExecutionHistory', { executionArn: arn, maxResults: 1000 })) as {
        events: unknown[];
      };
      return ok({ execution: described, definition: JSON.parse(machine.definition), events: history.events });
    } catch (error) {
      return notFound(error instanceof Error ? error.message : String(error));
    }
  }

  queues() {
    const queues = this.sources.sqs?.queues() ?? [];
    const sourcesOf = deadLetterSources(queues);
    return queues.map((queue) => ({
      name: queue.identity.name,
      url: queue.identity.url,
      arn: queue.identity.arn,
      ...queue.counts(),
      deadLetterQueueArn: queue.settings.redrivePolicy?.deadLetterTargetArn,
      sourceQueueArns: sourcesOf.get(queue.identity.arn) ?? [],
    }));
  }

  /** The messages a queue holds, without receiving them (a receive would count against redrive). */
  messages(address: string): ApiAnswer {
    const queue = this.sources.sqs?.findQueue(address);
    if (!queue) return notFound(`no queue ${address}`);
    const messages = queue.snapshot().messages.slice(0, MESSAGES_SHOWN);
    return ok(
      messages.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        sentTimestamp: m.sentTimestamp,
        receiveCount: m.receiveCount,
        deadLetterQueueSourceArn: m.deadLetterQueueSourceArn,
      })),
    );
  }

  /**
   * Moves a dead-letter queue's messages back to the queue each came from, through the local SQS's own
   * StartMessageMoveTask (as the AWS console's "redrive" does), and reports its task.
   */
  async redrive(address: string): Promise<ApiAnswer> {
    const sqs = this.sources.sqs;
    const dlq = sqs?.findQueue(address);
    if (!sqs || !dlq) return notFound(`no queue ${address}`);
    try {
      await sqs.handle('StartMessageMoveTask', { SourceArn: dlq.identity.arn });
    } catch (error) {
      return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
    const { Results } = (await sqs.handle('ListMessageMoveTasks', { SourceArn: dlq.identity.arn })) as {
      Results: { ApproximateNumberOfMessagesMoved: number; FailureReason?: string }[];
    };
    const [task] = Results;
    return ok({
      moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
      ...(task?.FailureReason ? { failure: task.FailureReason } : {}),
    });
  }

  async tables() {
    const db = this.sources.dynamodb;
    if (!db) return [];
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await db.send(
        new ListTablesCommand({ ...(start ? { ExclusiveStartTableName: start } : {}) }),
      );
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  /** One page of a table's items; `start` is the previous page's `next`, opaque to the page. */
  async items(table: string, start: string | null): Promise<ApiAnswer> {
    const db = this.sources.dynamodb;
    if (!db || !table) return notFound('no such table');
    try {
      const page = await db.send(
        new ScanCommand({
          TableName: table,
          Limit: SCAN_PAGE,
          ...(start ? { ExclusiveStartKey: JSON.parse(start) } : {}),
        }),
      );
      return ok({
        items: page.Items ?? [],
        ...(page.LastEvaluatedKey ? { next: JSON.stringify(page.LastEvaluatedKey) } : {}),
      });
    } catch (error) {
      return notFound(error instanceof Error ? error.message : String(error));
    }
  }
}

/** Dead-letter queue ARN -> the queues whose redrive policy sends to it. */
function deadLetterSources(queues: readonly SqsQueue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const queue of queues) {
    const target = queue.settings.redrivePolicy?.deadLetterTargetArn;
    if (target) out.set(target, [...(out.get(target) ?? []), queue.identity.arn]);
  }
  return out;
}
