// A jest environment that keeps the functions' log lines out of a passing run and shows them for a failing
// test. Handlers under test log JSON through Powertools, which writes to process.stdout directly (past
// jest's console); test/helpers/quiet-logs.ts collects those lines into `__functionLogs` while a test runs,
// and this environment prints them, under the test's name, only when that test failed. LOG_LEVEL=<level>
// turns collection off: the lines are printed as they come, at that level.
const { TestEnvironment } = require('jest-environment-node');

class QuietLogsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__functionLogs = [];
  }

  async teardown() {
    // The stream outlives this test file (one worker runs many): stop collecting into its array. A line
    // written after this file is done (a poller of the file still winding down) belongs to no test: it
    // goes nowhere, until the next file's setup points the sink at its own array.
    process.stdout.quietSink = [];
    await super.teardown();
  }

  handleTestEvent(event) {
    if (event.name === 'test_start') this.global.__functionLogs.length = 0;
    if (event.name === 'test_done' && event.test.errors.length > 0) {
      const lines = this.global.__functionLogs.splice(0);
      if (lines.length > 0) {
        process.stderr.write(
          `\n-- function logs of the failed test "${event.test.name}" --\n${lines.join('')}\n`,
        );
      }
    }
  }
}

module.exports = QuietLogsEnvironment;
