import { useState } from 'preact/hooks';
import { api, usePolling } from './api.js';
import { html } from './html.js';
import { MasterDetail } from './master-detail.js';
import { StateGraph } from './state-graph.js';

const pretty = (text) => {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** Per state: its input and output (the last time through), in the order the execution entered them. */
export function statesOf(events) {
  const states = new Map();
  const path = [];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    const exited = event.stateExitedEventDetails;
    if (entered && event.type.endsWith('StateEntered')) {
      path.push(entered.name);
      states.set(entered.name, { ...states.get(entered.name), input: entered.input, exited: false });
    }
    if (exited && event.type.endsWith('StateExited'))
      states.set(exited.name, { ...states.get(exited.name), output: exited.output, exited: true });
  }
  return { states, path };
}

function ExecutionDetail({ arn }) {
  const [detail, error] = usePolling(() => api('execution', { arn }), 1500, [arn]);
  const [selected, setSelected] = useState(undefined);
  if (error) return html`<p class="error">${error}</p>`;
  if (!detail) return html`<p class="empty">Loading…</p>`;
  const { execution, definition, events } = detail;
  const { states, path } = statesOf(events);
  const statusOf = (name) => {
    const state = states.get(name);
    if (!state) return 'idle';
    if (state.exited) return 'done';
    return execution.status === 'RUNNING' ? 'running' : 'failed';
  };
  const chosen = selected ?? path[path.length - 1];
  const state = states.get(chosen);
  return html`
    <h2>${execution.name} <span class="status status-${execution.status}">${execution.status}</span></h2>
    <div class="execution">
      <div>
        <${StateGraph} definition=${definition} path=${path} statusOf=${statusOf} selected=${chosen} onSelect=${setSelected} />
      </div>
      <h3>${chosen ?? 'No state entered yet'}</h3>
      <div class="state-io">
        <div>
          <h4>Input</h4>
          <pre data-testid="state-input">${state ? pretty(state.input) : ''}</pre>
        </div>
        <div>
          <h4>Output</h4>
          <pre data-testid="state-output">${state?.exited ? pretty(state.output) : '(did not exit)'}</pre>
        </div>
        <div>
          <h4>Path</h4>
          <ol class="path">${path.map((name) => html`<li>${name}</li>`)}</ol>
          ${execution.error && html`<h4>Error</h4><pre>${execution.error}: ${execution.cause ?? ''}</pre>`}
        </div>
      </div>
    </div>
  `;
}

export function Executions({ selected, go }) {
  const [executions, error] = usePolling(() => api('executions'), 2000);
  return html`
    <${MasterDetail}
      items=${executions}
      idOf=${(e) => e.executionArn}
      selected=${selected}
      pick=${(arn) => go('Executions', arn)}
      error=${error}
      empty="No executions yet."
      label=${(e) => html`<code>${e.stateMachineName}</code>
        <small>${e.name} · <span class="status status-${e.status}">${e.status}</span></small>`}
    >
      ${selected ? html`<${ExecutionDetail} arn=${selected} />` : html`<p class="empty">Pick an execution.</p>`}
    <//>
  `;
}
