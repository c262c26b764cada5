import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * AWS's query protocol (awsQuery), which SNS still speaks in the SDK v3: a form-encoded POST with
 * `Action`, `Version` and the input flattened into dotted keys (lists as `.member.N`, maps as
 * `.entry.N.key` / `.entry.N.value`, or `.entry.N.Name` / `.entry.N.Value.*` for message attributes), and
 * an XML answer. A service here gets the parameters as they came and answers with the XML of its result.
 */
export interface QueryProtocolService {
  /** The API version the SDK sends, which tells the services apart (`2010-03-31` is SNS). */
  readonly version: string;
  /** The XML namespace of the answers (`http://sns.amazonaws.com/doc/2010-03-31/`). */
  readonly namespace: string;
  /** Runs one action; resolves with the inner XML of `<ActionResult>` (empty for none). */
  handle(action: string, params: QueryParams): Promise<string>;
}

/** The form's fields, by their dotted names. */
export type QueryParams = ReadonlyMap<string, string>;

export function isQueryRequest(req: IncomingMessage): boolean {
  return (
    req.method === 'POST' &&
    String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  );
}

export function parseQuery(body: string): QueryParams {
  return new Map(new URLSearchParams(body));
}

/** `prefix.member.1`, `prefix.member.2`, ... as a list of the sub-parameter maps (keys without the prefix). */
export function members(params: QueryParams, prefix: string): Array<Map<string, string>> {
  return indexed(params, `${prefix}.member.`);
}

/** `prefix.entry.N.<keyName>` / `prefix.entry.N.<valueName>`, as a map (Attributes, Tags by entry). */
export function entries(params: QueryParams, prefix: string): Array<Map<string, string>> {
  return indexed(params, `${prefix}.entry.`);
}

function indexed(params: QueryParams, head: string): Array<Map<string, string>> {
  const byIndex = new Map<number, Map<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const fields = byIndex.get(index) ?? new Map<string, string>();
    fields.set(dot < 0 ? '' : rest.slice(dot + 1), value);
    byIndex.set(index, fields);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}

/** Escapes text for an XML element's content. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<Name>text</Name>` for defined values, nothing for undefined. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${xmlText(String(value))}</${name}>`;
}

/** The whole answer of an action, as AWS frames it. */
export function queryResponse(namespace: string, action: string, result: string): string {
  return (
    `<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

/** An error as the query protocol returns it: the SDK maps `Code` to its exception class. */
export function queryError(namespace: string, code: string, message: string, sender: boolean): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${sender ? 'Sender' : 'Receiver'}</Type>` +
    `${xmlElement('Code', code)}${xmlElement('Message', message)}</Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}
