import type { NotEmulatedOutput } from '../template/resolution-types';
import type { StackOutputs } from './outputs';

/** What the outputs file holds instead of the AWS address of a resource the local cloud does not run. */
export function notEmulatedValue({ type, logicalId }: NotEmulatedOutput): string {
  return `not emulated: ${type} ${logicalId}`;
}

/**
 * The outputs with every address of a resource not run (the resolver tells which, address-origins.ts)
 * replaced by `not emulated: <type> <logicalId>`: a client reading the outputs file must never reach AWS
 * (or a name that does not resolve) thinking it talks to the local cloud. Everything else is kept.
 */
export function withoutForeignAddresses(
  outputs: StackOutputs,
  notEmulated: readonly NotEmulatedOutput[],
): StackOutputs {
  const marked = new Map(notEmulated.map((output) => [`${output.stackName}/${output.outputName}`, output]));
  return Object.fromEntries(
    Object.entries(outputs).map(([stack, values]) => [
      stack,
      Object.fromEntries(
        Object.entries(values).map(([key, value]) => {
          const output = marked.get(`${stack}/${key}`);
          return [key, output ? notEmulatedValue(output) : value];
        }),
      ),
    ]),
  );
}

/** One line per such output, printed once at start with the other things not emulated. */
export function notEmulatedOutputWarnings(notEmulated: readonly NotEmulatedOutput[]): string[] {
  return notEmulated.map(
    (output) =>
      `${output.stackName}/Outputs/${output.outputName}: the address of ${output.type} ${output.logicalId}, which does not run locally; the outputs file says "${notEmulatedValue(output)}"`,
  );
}
