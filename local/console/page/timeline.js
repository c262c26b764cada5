import { api, time, usePolling } from './api.js';
import { follow, html } from './html.js';
import { failedRecord, RecordSummary } from './record-summary.js';
import { groupByCorrelation } from './trace-feed.js';

function RecordRow({ record, start }) {
  return html`
    <tr class=${failedRecord(record) ? 'failed' : ''}>
      <td class="when">+${record.at - start} ms</td>
      <td><span class="badge kind-${record.kind}">${record.kind}</span></td>
      <td class="text"><${RecordSummary} record=${record} /></td>
      <td class="duration">${record.durationMs === undefined ? '' : `${record.durationMs} ms`}</td>
    </tr>
  `;
}

/** The executions whose input names this correlation id: a saga started for the request. */
function GroupExecutions({ id, go }) {
  const [executions] = usePolling(() => api('executions'), 2000, [id]);
  const mine = (executions ?? []).filter((e) => (e.input ?? '').includes(id));
  if (mine.length === 0) return null;
  return html`
    <h3>Executions</h3>
    <ul class="executions">
      ${mine.map(
        (e) => html`<li>
          <a href="#" onClick=${follow(() => go('Executions', e.executionArn))}
            >${e.stateMachineName} / ${e.name}</a
          >
          <span class="status status-${e.status}">${e.status}</span>
        </li>`,
      )}
    </ul>
  `;
}

export function Timeline({ records, selected, go }) {
  const groups = groupByCorrelation(records);
  const group = groups.find((g) => g.id === selected);
  return html`
    <div class="split">
      <aside>
        <input
          placeholder="Correlation id"
          value=${selected}
          onInput=${(e) => go('Timeline', e.currentTarget.value.trim())}
        />
        <ul class="groups">
          ${groups.map(
            (g) => html`<li class=${g.id === selected ? 'active' : ''}>
              <a href="#" data-correlation-id=${g.id} onClick=${follow(() => go('Timeline', g.id))}>
                <code>${g.id}</code>
                <small>${time(g.records[0].at)} · ${g.records.length} records${g.failed ? ' · failed' : ''}</small>
              </a>
            </li>`,
          )}
          ${groups.length === 0 && html`<li class="empty">Nothing yet: call an API.</li>`}
        </ul>
      </aside>
      <section>
        ${
          group
            ? html`
                <h2>Correlation <code>${group.id}</code></h2>
                <table class="records" data-testid="timeline">
                  <tbody>
                    ${group.records.map((r) => html`<${RecordRow} record=${r} start=${group.records[0].at} />`)}
                  </tbody>
                </table>
                <${GroupExecutions} id=${group.id} go=${go} />
              `
            : html`<p class="empty">Pick a correlation id: its requests, invocations, events, queue batches,
                executions and log lines, in order.</p>`
        }
      </section>
    </div>
  `;
}
