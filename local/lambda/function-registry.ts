import type { LocalFunctionDefinition } from './types';

/** Lambda's answer to a name or ARN it does not know (the Invoke API's 404). */
export class FunctionNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundException';
}

export interface ResolvedReference<T> {
  readonly entry: T;
  /** The ARN the caller used, as the handler's `context.invokedFunctionArn` shows it. */
  readonly invokedFunctionArn: string;
}

const LATEST = ':$LATEST';
/** `123456789012:function:name`: the partial ARN Lambda accepts as a function name. */
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)$/;

/**
 * The registered functions, found the ways Lambda's Invoke finds them: by name, by full ARN, or by
 * partial ARN, each optionally qualified with `:$LATEST` (the only version that exists locally).
 */
export class FunctionRegistry<T extends { readonly definition: LocalFunctionDefinition }> {
  private readonly byName = new Map<string, T>();

  add(entry: T): void {
    const { name } = entry.definition;
    if (this.byName.has(name)) throw new Error(`A function named ${name} is already registered`);
    this.byName.set(name, entry);
  }

  all(): T[] {
    return [...this.byName.values()];
  }

  resolve(reference: string): ResolvedReference<T> {
    const qualified = reference.endsWith(LATEST);
    const entry = this.find(qualified ? reference.slice(0, -LATEST.length) : reference);
    if (!entry) throw new FunctionNotFoundError(`Function not found: ${reference}`);
    return { entry, invokedFunctionArn: entry.definition.arn + (qualified ? LATEST : '') };
  }

  private find(unqualified: string): T | undefined {
    if (unqualified.startsWith('arn:')) {
      return this.all().find((entry) => entry.definition.arn === unqualified);
    }
    const partial = PARTIAL_ARN.exec(unqualified);
    if (!partial) return this.byName.get(unqualified);
    const [, account, name] = partial;
    const entry = name === undefined ? undefined : this.byName.get(name);
    // The account is the fifth field of `arn:partition:lambda:region:account:function:name`.
    return entry?.definition.arn.split(':')[4] === account ? entry : undefined;
  }
}
