/**
 * The reaper (reaper.ts forks one per owner process): it holds the pids its owner asks it to watch and
 * SIGKILLs them when its IPC channel to the owner closes, which happens however the owner ends, SIGKILL
 * included. For children that cannot be trusted to notice the owner's death themselves: a function
 * process whose handler spins in a loop never runs its own 'disconnect' handler. Plain JavaScript, forked
 * with `execArgv: []`: no loader, no shell. CommonJS on purpose: its handlers are attached before the
 * event loop first runs. An ES module's loading takes turns of the loop, in which the channel can already
 * deliver the owner's messages and its end to no listener: an owner that died while its reaper was still
 * starting would have left everything running.
 *
 * From the owner: `{ type: 'watch', pid }` and `{ type: 'forget', pid }` (the process exited: the owner
 * has reaped it, so its pid is free to be reused and must not be killed).
 */
const watched = new Set();

// Only its owner's end ends it. A Ctrl-C in a terminal signals the whole process group, the reaper with its
// owner: the owner stops its children cleanly (DynamoDB Local flushing its data directory), which a reaper
// killing them at once would spoil, or a reaper dying at once would leave unwatched. A `pkill` matching the
// owner's path matches the reaper's too: the owner's end still comes to it through the channel.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => undefined);

process.on('message', (message) => {
  if (message?.type === 'watch') watched.add(message.pid);
  else if (message?.type === 'forget') watched.delete(message.pid);
});
process.on('disconnect', () => {
  // After the messages the owner wrote before it died: they may be read with the end of the channel.
  setImmediate(() => {
    for (const pid of watched) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(0);
  });
});
