import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { failedRecord } from './record-summary.js';

/** As many as the server's ring keeps: the page never holds more than the cloud does. */
const KEPT = 5000;
const REREAD = 50;

/**
 * The timeline's records, fetched incrementally (only those after the last one held) once a second
 * while the tab is visible.
 */
export function useTraceFeed() {
  const [records, setRecords] = useState([]);
  useEffect(() => {
    let stopped = false;
    let lastSeq = 0;
    const known = new Set();
    let timer;
    const tick = async () => {
      if (document.visibilityState === 'visible') {
        try {
          // Records may gain a correlation id after the fact (an invocation named by its response):
          // the last REREAD are asked for again so that they land in their group.
          const page = await api('trace', { after: Math.max(0, lastSeq - REREAD) });
          const changed = page.records.some((r) => r.seq > lastSeq || (r.correlationId && !known.has(r.seq)));
          if (changed && !stopped) {
            lastSeq = page.lastSeq;
            for (const r of page.records) if (r.correlationId) known.add(r.seq);
            // Only the reread window needs remembering.
            for (const seq of known) if (seq <= lastSeq - REREAD) known.delete(seq);
            setRecords((held) => {
              const bySeq = new Map(held.map((r) => [r.seq, r]));
              for (const r of page.records) bySeq.set(r.seq, r);
              return [...bySeq.values()].slice(-KEPT);
            });
          }
        } catch {
          // The cloud is stopping or restarting: try again on the next tick.
        }
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return records;
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
