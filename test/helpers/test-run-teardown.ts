import { removeTestRunDirectory } from './test-run-directory';

/** Jest's root global teardown, after the projects' (the e2e cloud has stopped using the assembly by then). */
export default function teardown(): void {
  removeTestRunDirectory();
}
