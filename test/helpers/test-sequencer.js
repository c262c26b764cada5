const Sequencer = require('@jest/test-sequencer').default;

/**
 * The order jest hands test files to its workers. With the durations of an earlier run in jest's cache,
 * jest's own: the last failures first, then the longest. Without them (a fresh clone, as on CI), jest
 * would go by file size, which put half-minute integration files at the end of a run with one worker
 * idle, and e2e files side by side, where one waits for the other's turn (test/e2e/one-file-at-a-time.ts).
 * So: the layers that start processes first (workflow, integration), each followed by an e2e file, so the
 * e2e files take turns beside other work; then the rest, longest file first by size within each layer.
 */
const HEAVY = ['workflow', 'integration', 'local-cloud-integration'];
const LIGHT = ['infra', 'contract', 'console', 'local-cloud-unit', 'unit'];

class ShopSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const timed = sorted.filter((test) => test.duration != null).length;
    if (timed * 2 >= sorted.length) return sorted;
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const layer = (name) =>
      sorted
        .filter((test) => test.context.config.displayName?.name === name)
        .sort((a, b) => size(b) - size(a));
    const heavy = HEAVY.flatMap(layer).sort((a, b) => size(b) - size(a));
    const e2e = layer('e2e');
    const ordered = [];
    for (let i = 0; i < Math.max(heavy.length, e2e.length); i++) {
      if (heavy[i]) ordered.push(heavy[i]);
      if (e2e[i]) ordered.push(e2e[i]);
    }
    ordered.push(...LIGHT.flatMap(layer));
    // Anything in a layer not named above keeps jest's place, after the rest.
    const placed = new Set(ordered);
    return [...ordered, ...sorted.filter((test) => !placed.has(test))];
  }
}

module.exports = ShopSequencer;
