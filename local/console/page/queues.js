import { useState } from 'preact/hooks';
import { api, time, usePolling } from './api.js';
import { html } from './html.js';

const nameOf = (arn) => arn.split(':').pop();

/** A dead-letter queue's messages, with the button that moves them back where they came from. */
function DeadLetters({ queue, onRedriven }) {
  const [messages, error, setMessages] = usePolling(() => api('messages', { queue: queue.url }), 2000, [
    queue.url,
  ]);
  const [note, setNote] = useState('');
  const redrive = async () => {
    const { moved, failure } = await api('redrive', { queue: queue.url }, 'POST');
    const to = queue.sourceQueueArns.map(nameOf).join(', ');
    setNote(`${moved} message${moved === 1 ? '' : 's'} moved back to ${to}${failure ? ` (${failure})` : ''}`);
    setMessages(await api('messages', { queue: queue.url }));
    onRedriven();
  };
  return html`
    <div class="dlq" data-queue=${queue.name}>
      <div class="dlq-head">
        <h3>${queue.name}</h3>
        <span>dead letters of ${queue.sourceQueueArns.map(nameOf).join(', ')}</span>
        <button disabled=${!messages || messages.length === 0} onClick=${redrive} data-testid="redrive">
          Redrive to source
        </button>
      </div>
      ${note && html`<p class="note">${note}</p>`}
      ${error && html`<p class="error">${error}</p>`}
      ${messages?.length === 0 && html`<p class="empty">No messages.</p>`}
      ${
        messages?.length > 0 &&
        html`<table class="messages">
          <thead><tr><th>Sent</th><th>Message id</th><th>Receives</th><th>Body</th></tr></thead>
          <tbody>
            ${messages.map(
              (m) => html`<tr>
                <td class="when">${time(m.sentTimestamp)}</td>
                <td><code>${m.messageId}</code></td>
                <td>${m.receiveCount}</td>
                <td class="body"><code>${m.body}</code></td>
              </tr>`,
            )}
          </tbody>
        </table>`
      }
    </div>
  `;
}

export function Queues() {
  const [queues, error, setQueues] = usePolling(() => api('queues'), 2000);
  const refresh = async () => setQueues(await api('queues'));
  const dlqs = (queues ?? []).filter((q) => q.sourceQueueArns.length > 0);
  return html`
    ${error && html`<p class="error">${error}</p>`}
    <table class="queues" data-testid="queues">
      <thead>
        <tr><th>Queue</th><th class="num">Visible</th><th class="num">In flight</th><th class="num">Delayed</th><th>Dead letters go to</th></tr>
      </thead>
      <tbody>
        ${(queues ?? []).map(
          (
            q,
          ) => html`<tr data-queue=${q.name} class=${q.sourceQueueArns.length > 0 && q.visible > 0 ? 'failed' : ''}>
            <td><code>${q.name}</code></td>
            <td class="num" data-count="visible">${q.visible}</td>
            <td class="num">${q.inFlight}</td>
            <td class="num">${q.delayed}</td>
            <td>${q.deadLetterQueueArn ? nameOf(q.deadLetterQueueArn) : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <h2>Dead-letter queues</h2>
    ${dlqs.length === 0 && html`<p class="empty">No queue has a redrive policy.</p>`}
    ${dlqs.map((q) => html`<${DeadLetters} key=${q.url} queue=${q} onRedriven=${refresh} />`)}
  `;
}
