import type { ProductCacheBench } from './product-cache';
import { p99 } from './stats';
import { table } from './text-table';

/** The public catalogue's stage cache: hits against refreshed misses. */
export function renderProductCache(report: ProductCacheBench | { readonly error: string }): string[] {
  if ('error' in report)
    return ['GET /products/{sku} and the stage cache: not measured', `  ${report.error}`];
  const row = (name: string, s: ProductCacheBench['cached']) => [
    name,
    s.latency.medianMs.toFixed(2),
    p99(s.latency).toFixed(2),
    String(s.invocations),
  ];
  return [
    `GET /products/{sku} and the stage cache on the local cloud: ${report.requests} requests each, one at a time, traced`,
    ...table(
      ['', 'p50 ms', 'p99 ms', 'function invocations'],
      [
        row('cached (a hit)', report.cached),
        row('uncached (Cache-Control: max-age=0, signed by a caller allowed to refresh)', report.uncached),
      ],
    ).map((line) => `  ${line}`),
  ];
}
