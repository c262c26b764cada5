import { html } from './html.js';

/** The line without its `--trace` tag (`api`, `ws`...), which the badge replaces. */
const untagged = (line) => line.replace(/^\S+\s+/, '');

/** `2xx`, `4xx`...: the status's class colours it, as an access log reader scans for them. */
const statusClass = (status) => `http-status http-${String(status).charAt(0)}xx`;

/**
 * One record's summary, drawn from its fields where the cloud gave them (an access line's format is the
 * stage's, so it is never parsed back), else its line: a request as `POST /v1/orders 202`, a queue batch
 * by queue and size, an execution by name, state and status.
 */
export function RecordSummary({ record: r }) {
  switch (r.kind) {
    case 'request':
      return html`<span class="request">${r.method} ${r.path}</span>
        <span class=${statusClass(r.status)}>${r.status}</span>`;
    case 'sqs':
      if (r.queue === undefined) break;
      return html`<span>${r.queue} → ${r.fn}</span>
        <small class="muted"> ${r.messageCount} message${r.messageCount === 1 ? '' : 's'}</small>`;
    case 'states':
      if (r.execution === undefined) break;
      return html`<span>${r.execution}</span>
        ${r.state && html`<small class="muted"> · ${r.state} ${r.event ?? ''}</small>`}
        <span class="status status-${r.executionStatus}">${r.executionStatus}</span>`;
  }
  return untagged(r.line);
}

/** Whether the row reads as a failure: an invocation's outcome, or a request answered 5xx. */
export const failedRecord = (r) =>
  (r.outcome && r.outcome !== 'ok') || (r.kind === 'request' && r.status >= 500);
