import { useEffect, useRef, useState } from 'preact/hooks';

/** One JSON route of the console (`./api/<route>`). */
export async function api(route, params = {}, method = 'GET') {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`./api/${route}${query ? `?${query}` : ''}`, { method });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? response.statusText);
  return body;
}

/**
 * Calls `load` now and every `ms` while the tab is visible: a console nobody looks at asks nothing of
 * the local cloud.
 */
export function usePolling(load, ms, deps = []) {
  const [value, setValue] = useState(undefined);
  const [error, setError] = useState(undefined);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let stopped = false;
    let timer;
    const tick = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const next = await latest.current();
          if (!stopped) {
            setValue(next);
            setError(undefined);
          }
        } catch (e) {
          if (!stopped) setError(String(e.message ?? e));
        }
      }
      if (!stopped) timer = setTimeout(tick, ms);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, deps);
  return [value, error, setValue];
}

export const time = (ms) => new Date(ms).toISOString().slice(11, 23);
