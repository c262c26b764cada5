import { testRunDirectory } from './test-run-directory';

/** Jest's root global setup: the run's shared directory, named before any worker starts. */
export default function setup(): void {
  testRunDirectory();
}
