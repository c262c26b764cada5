/**
 * Runs a bench entry point and sets the process's exit code from it: its own answer (1 when a budget
 * failed), or 1 with the error printed when the benchmark itself could not run.
 */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
