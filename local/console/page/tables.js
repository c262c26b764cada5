import { useEffect, useState } from 'preact/hooks';
import { api, usePolling } from './api.js';
import { html } from './html.js';
import { MasterDetail } from './master-detail.js';

/** DynamoDB's typed JSON (`{ S: 'x' }`, `{ N: '1' }`...) as plain values, for reading. */
export function plain(value) {
  const [type, v] = Object.entries(value)[0] ?? [];
  switch (type) {
    case 'S':
    case 'BOOL':
      return v;
    case 'N':
      return Number(v);
    case 'NULL':
      return null;
    case 'M':
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    case 'L':
      return v.map(plain);
    case 'SS':
    case 'NS':
    case 'BS':
      return v;
    default:
      return v;
  }
}

function Items({ table }) {
  const [pages, setPages] = useState([undefined]);
  const [page, setPage] = useState(undefined);
  const [error, setError] = useState(undefined);
  const start = pages[pages.length - 1];
  useEffect(() => {
    setPage(undefined);
    api('items', { table, ...(start ? { start } : {}) }).then(setPage, (e) => setError(String(e.message)));
  }, [table, start]);
  if (error) return html`<p class="error">${error}</p>`;
  if (!page) return html`<p class="empty">Scanning…</p>`;
  return html`
    <div class="pager">
      <span>Page ${pages.length} · ${page.items.length} items</span>
      <button disabled=${pages.length === 1} onClick=${() => setPages(pages.slice(0, -1))}>Previous page</button>
      <button disabled=${!page.next} onClick=${() => setPages([...pages, page.next])}>Next page</button>
    </div>
    <div class="items">
      ${page.items.map((item) => html`<pre class="item">${JSON.stringify(plain({ M: item }), null, 2)}</pre>`)}
    </div>
  `;
}

export function Tables({ selected, go }) {
  const [tables, error] = usePolling(() => api('tables'), 10000);
  return html`
    <${MasterDetail}
      items=${tables}
      idOf=${(name) => name}
      selected=${selected}
      pick=${(name) => go('Tables', name)}
      error=${error}
      empty="No tables."
      label=${(name) => html`<code>${name}</code>`}
    >
      ${selected ? html`<h2>${selected}</h2><${Items} key=${selected} table=${selected} />` : html`<p class="empty">Pick a table.</p>`}
    <//>
  `;
}
