import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The service boundaries of DESIGN.md ("Contracts between services"), checked on the source: a service's
 * code is its own business, and all that another service or the infrastructure (lib/, bin/) may import
 * from it is its contract module, `lambdas/<service>/contract`. A contract holds words, names, schemas and
 * event types: no SDK, no Powertools, nothing of its service beyond the contract itself.
 */
const ROOT = path.join(__dirname, '../../..');
const LAMBDAS = path.join(ROOT, 'lambdas');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, including side-effect imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

/** The service a path under lambdas/ belongs to (`shared` included), or undefined outside lambdas/. */
function serviceOf(file: string): string | undefined {
  const relative = path.relative(LAMBDAS, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

const isContract = (file: string) => {
  const service = serviceOf(file);
  return (
    service !== undefined &&
    service !== 'shared' &&
    path.relative(path.join(LAMBDAS, service, 'contract'), file).split(path.sep)[0] !== '..'
  );
};

interface Import {
  readonly from: string;
  readonly specifier: string;
  /** The imported file or folder, for relative specifiers. */
  readonly target?: string;
}

const imports: Import[] = ['lambdas', 'lib', 'bin'].flatMap((top) =>
  sourceFiles(path.join(ROOT, top)).flatMap((from) =>
    specifiers(from).map((specifier) => ({
      from,
      specifier,
      ...(specifier.startsWith('.') ? { target: path.resolve(path.dirname(from), specifier) } : {}),
    })),
  ),
);
const show = ({ from, specifier }: Import) => `${path.relative(ROOT, from)} imports ${specifier}`;

describe('service boundaries', () => {
  it('reads the imports it checks (the check cannot pass on nothing)', () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some(({ from }) => from.includes(`${path.sep}lib${path.sep}`))).toBe(true);
  });

  it("another service, lib/ and bin/ import only a service's contract module", () => {
    const violations = imports.filter(({ from, target }) => {
      if (target === undefined) return false;
      const owner = serviceOf(target);
      if (owner === undefined || owner === 'shared' || owner === serviceOf(from)) return false;
      return !isContract(target);
    });
    expect(violations.map(show)).toEqual([]);
  });

  it('lambdas/shared belongs to no service and imports none', () => {
    const violations = imports.filter(
      ({ from, target }) =>
        serviceOf(from) === 'shared' &&
        target !== undefined &&
        !['shared', undefined].includes(serviceOf(target)),
    );
    expect(violations.map(show)).toEqual([]);
  });

  it('a contract imports no SDK or Powertools and nothing of its service but the contract', () => {
    const contracts = imports.filter(({ from }) => isContract(from));
    expect(contracts.length).toBeGreaterThan(0);
    const violations = contracts.filter(({ specifier, target }) =>
      target === undefined
        ? specifier.startsWith('@aws-sdk/') || specifier.startsWith('@aws-lambda-powertools/')
        : !isContract(target) && serviceOf(target) !== 'shared',
    );
    expect(violations.map(show)).toEqual([]);
  });
});
