import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { failedRecord } from './record-summary.js';

/** As many as the server's ring keeps: the page never holds more than the cloud does. */
const KEPT = 5000;
const REREAD = 50;

/**
 * The timeline's records: streamed (server-sent events, each record as the cloud records it) while the
 * tab is visible, else polled once a second when the stream cannot be had (no EventSource, or the
 * endpoint refuses it). Records arriving together are merged in one render.
 */
export function useTraceFeed() {
  const [records, setRecords] = useState([]);
  useEffect(() => {
    let pending = [];
    let timer;
    const merge = (incoming) => {
      pending.push(...incoming);
      timer ??= setTimeout(() => {
        const batch = pending;
        pending = [];
        timer = undefined;
        setRecords((held) => {
          const bySeq = new Map(held.map((r) => [r.seq, r]));
          for (const r of batch) bySeq.set(r.seq, r);
          return [...bySeq.values()].slice(-KEPT);
        });
      }, 100);
    };
    const feed = streamTrace(merge);
    return () => {
      feed.stop();
      clearTimeout(timer);
    };
  }, []);
  return records;
}

/**
 * Follows `api/trace/stream` while the tab is visible (closed while hidden, so an unwatched console
 * holds no connection, and reopened after the last record held). EventSource reconnects by itself when
 * a stream drops (the cloud restarting); a stream refused or never opened falls back to polling.
 */
function streamTrace(merge) {
  if (typeof EventSource === 'undefined') return pollTrace(merge);
  let lastSeq = 0;
  let source;
  let fallback;
  const open = () => {
    let opened = false;
    // Reopened a little back: records that gained a correlation id while it was closed come again.
    source = new EventSource(`./api/trace/stream?after=${Math.max(0, lastSeq - REREAD)}`);
    source.onopen = () => {
      opened = true;
    };
    source.onmessage = (event) => {
      const record = JSON.parse(event.data);
      lastSeq = Math.max(lastSeq, record.seq);
      merge([record]);
    };
    source.onerror = () => {
      if (opened && source.readyState !== EventSource.CLOSED) return;
      close();
      document.removeEventListener('visibilitychange', onVisibility);
      fallback = pollTrace(merge);
    };
  };
  const close = () => {
    source?.close();
    source = undefined;
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') source ?? open();
    else close();
  };
  document.addEventListener('visibilitychange', onVisibility);
  if (document.visibilityState === 'visible') open();
  return {
    stop() {
      document.removeEventListener('visibilitychange', onVisibility);
      close();
      fallback?.stop();
    },
  };
}

/**
 * The polling fallback: the records after the last one held, once a second while the tab is visible.
 * Records may gain a correlation id after the fact (an invocation named by its response): the last
 * REREAD are asked for again so that they land in their group.
 */
function pollTrace(merge) {
  let stopped = false;
  let lastSeq = 0;
  const known = new Set();
  let timer;
  const tick = async () => {
    if (document.visibilityState === 'visible') {
      try {
        const page = await api('trace', { after: Math.max(0, lastSeq - REREAD) });
        const changed = page.records.some((r) => r.seq > lastSeq || (r.correlationId && !known.has(r.seq)));
        if (changed && !stopped) {
          lastSeq = page.lastSeq;
          for (const r of page.records) if (r.correlationId) known.add(r.seq);
          // Only the reread window needs remembering.
          for (const seq of known) if (seq <= lastSeq - REREAD) known.delete(seq);
          merge(page.records);
        }
      } catch {
        // The cloud is stopping or restarting: try again on the next tick.
      }
    }
    if (!stopped) timer = setTimeout(tick, 1000);
  };
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** The groups a record belongs to: a queue batch serves every request its messages came from. */
const correlationIdsOf = (record) =>
  record.correlationIds ?? (record.correlationId ? [record.correlationId] : []);

/** Records grouped by correlation id, newest group first; records with none are left out. */
export function groupByCorrelation(records) {
  const groups = new Map();
  for (const record of records) {
    for (const id of correlationIdsOf(record)) {
      const group = groups.get(id) ?? { id, records: [], failed: false };
      group.records.push(record);
      if (failedRecord(record)) group.failed = true;
      groups.set(id, group);
    }
  }
  return [...groups.values()].sort((a, b) => b.records[0].at - a.records[0].at);
}
