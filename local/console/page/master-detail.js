import { follow, html } from './html.js';

/**
 * The pages' common layout: a list to pick from on the left (each item a link that calls `pick`), what
 * was picked on the right.
 */
export function MasterDetail({ items, idOf, selected, pick, label, error, empty, children }) {
  return html`
    <div class="split">
      <aside>
        ${error && html`<p class="error">${error}</p>`}
        <ul class="groups">
          ${(items ?? []).map(
            (item) => html`<li class=${idOf(item) === selected ? 'active' : ''}>
              <a href="#" onClick=${follow(() => pick(idOf(item)))}>${label(item)}</a>
            </li>`,
          )}
          ${items?.length === 0 && html`<li class="empty">${empty}</li>`}
        </ul>
      </aside>
      <section>${children}</section>
    </div>
  `;
}
