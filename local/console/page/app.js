import { render } from 'preact';
import { useState } from 'preact/hooks';
import { Executions } from './executions.js';
import { html } from './html.js';
import { Logs } from './logs.js';
import { Queues } from './queues.js';
import { Tables } from './tables.js';
import { Timeline } from './timeline.js';
import { useTraceFeed } from './trace-feed.js';

const TABS = ['Timeline', 'Executions', 'Queues', 'Tables', 'Logs'];

/** The tab and its argument live in the URL's hash (`#Executions/<arn>`), so a view can be linked. */
function useHashRoute() {
  const read = () => {
    const [tab, ...rest] = decodeURIComponent(location.hash.slice(1)).split('/');
    return { tab: TABS.includes(tab) ? tab : 'Timeline', arg: rest.join('/') };
  };
  const [route, setRoute] = useState(read);
  window.onhashchange = () => setRoute(read());
  const go = (tab, arg = '') => {
    location.hash = encodeURIComponent(arg ? `${tab}/${arg}` : tab);
  };
  return [route, go];
}

function App() {
  const [route, go] = useHashRoute();
  const records = useTraceFeed();
  return html`
    <header>
      <h1>Local cloud</h1>
      <nav>
        ${TABS.map(
          (tab) =>
            html`<a href="#${tab}" class=${route.tab === tab ? 'active' : ''} data-tab=${tab}>${tab}</a>`,
        )}
      </nav>
    </header>
    <main>
      ${route.tab === 'Timeline' && html`<${Timeline} records=${records} selected=${route.arg} go=${go} />`}
      ${route.tab === 'Executions' && html`<${Executions} selected=${route.arg} go=${go} />`}
      ${route.tab === 'Queues' && html`<${Queues} />`}
      ${route.tab === 'Tables' && html`<${Tables} selected=${route.arg} go=${go} />`}
      ${route.tab === 'Logs' && html`<${Logs} records=${records} filter=${route.arg} go=${go} />`}
    </main>
  `;
}

render(html`<${App} />`, document.getElementById('app'));
