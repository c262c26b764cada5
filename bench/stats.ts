/** Summary statistics of a set of timings, in milliseconds. */
export interface Summary {
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samplesMs: readonly number[];
}

export function summarize(samplesMs: readonly number[]): Summary {
  if (samplesMs.length === 0) throw new RangeError('Cannot summarize zero samples.');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: round(median(sorted)),
    p90Ms: round(nearestRank(sorted, 0.9)),
    minMs: round(sorted[0] as number),
    maxMs: round(sorted[sorted.length - 1] as number),
    samplesMs: samplesMs.map(round),
  };
}

/** Nearest-rank p99 of a summary's samples. */
export function p99(summary: Summary): number {
  return nearestRank(
    [...summary.samplesMs].sort((a, b) => a - b),
    0.99,
  );
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Nearest-rank percentile: always one of the observed values, never an interpolation between runs. */
function nearestRank(sorted: readonly number[], quantile: number): number {
  const rank = Math.max(1, Math.ceil(quantile * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Microsecond resolution is plenty; more digits only make the JSON harder to read. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
