import { type CompiledPattern, compileEventPattern, matches } from '../eventbridge/pattern';
import type { SqsEventRecord } from './sqs-lambda-event';

/**
 * An SQS event source mapping's `FilterCriteria`: Lambda's event filtering, which uses EventBridge's
 * pattern language (so the same matcher, and its 156 conformance cases, serve both). A record is
 * delivered when some filter matches it; a message no filter matches is deleted from the queue without
 * reaching the function, as Lambda does for SQS.
 *
 * The filters see the record as the function would, with `body` parsed when it is JSON. A filter whose
 * `body` is a JSON object pattern never matches a body that is not JSON (Lambda drops such messages);
 * a plain-string body pattern (`"body": [{"prefix": "..."}]`) matches a plain-string body.
 */
export interface SqsFilters {
  /** True when there are no filters, or some filter matches the record. */
  accepts(record: SqsEventRecord): boolean;
}

/** Compiles the mapping's filters: a pattern AWS would reject fails here, as the deployment would. */
export function sqsFilters(id: string, filterCriteria: unknown): SqsFilters {
  const filters = (filterCriteria as { Filters?: Array<{ Pattern?: unknown }> } | undefined)?.Filters ?? [];
  const compiled: CompiledPattern[] = filters.map((filter, index) => {
    try {
      return compileEventPattern(filter.Pattern as string | object);
    } catch (error) {
      throw new Error(`${id}: FilterCriteria.Filters[${index}] is not a valid pattern: ${String(error)}`);
    }
  });
  return {
    accepts: (record) =>
      compiled.length === 0 ||
      compiled.some((pattern) => matches(pattern, { ...record, body: bodyOf(record) })),
  };
}

/** The body as the filters see it: the parsed value when it is JSON, the text otherwise. */
function bodyOf(record: SqsEventRecord): unknown {
  try {
    return JSON.parse(record.body) as unknown;
  } catch {
    return record.body;
  }
}
