/**
 * Orders nodes so that each comes after the nodes it depends on, keeping the input order wherever the
 * dependencies allow (so output is stable and readable). Dependencies on unknown nodes are ignored.
 * A cycle is handed to `onCycle` as the path that closes it (`[a, b, a]`), and whatever it returns is thrown.
 */
export function topologicalOrder(
  nodes: readonly string[],
  dependenciesOf: (node: string) => Iterable<string>,
  onCycle: (cycle: readonly string[]) => Error,
): string[] {
  const known = new Set(nodes);
  const done = new Set<string>();
  const path: string[] = [];
  const order: string[] = [];

  const visit = (node: string): void => {
    if (done.has(node)) return;
    const start = path.indexOf(node);
    if (start >= 0) throw onCycle([...path.slice(start), node]);
    path.push(node);
    for (const dependency of dependenciesOf(node)) {
      if (known.has(dependency)) visit(dependency);
    }
    path.pop();
    done.add(node);
    order.push(node);
  };

  for (const node of nodes) visit(node);
  return order;
}
