import { time } from './api.js';
import { html } from './html.js';

/** The functions' log lines, newest last, filtered by correlation id (or any text) as typed. */
export function Logs({ records, filter, go }) {
  const lines = records.filter((r) => r.kind === 'log');
  const shown = filter ? lines.filter((r) => r.correlationId === filter || r.line.includes(filter)) : lines;
  return html`
    <input
      class="filter"
      placeholder="Correlation id or text"
      value=${filter}
      onInput=${(e) => go('Logs', e.currentTarget.value.trim())}
    />
    <p class="count">${shown.length} of ${lines.length} lines</p>
    <table class="records logs" data-testid="logs">
      <tbody>
        ${shown.slice(-500).map(
          (r) => html`<tr>
            <td class="when">${time(r.at)}</td>
            <td><span class="badge">${r.fn}</span></td>
            <td class="text">${r.line.slice(r.line.indexOf(': ') + 2)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  `;
}
