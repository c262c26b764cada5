import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The package is generic: nothing under `local/` may import, require or path-join its way out of the
 * package into the app that happens to share the repository (bin/, lib/, lambdas/, test/, ...). A cheap
 * scan of the source text; node_modules and generated folders are skipped.
 */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');
const SKIPPED = new Set(['node_modules', 'cdk.out', 'coverage', '.local-cloud', '.git']);
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;

/** Module specifiers of `from '...'`, `import('...')`, `require('...')` and `jest.mock('...')`. */
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*)(['"`])([^'"`]+)\1/g;
/** `path.join(__dirname, '..', 'x')` / `path.resolve(__dirname, ...)`: the string literals after __dirname. */
const DIRNAME_PATH = /\bpath\.(?:join|resolve)\(\s*__dirname((?:\s*,\s*(['"])[^'"]*\2)+)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

const outside = (target: string) => {
  const relative = path.relative(PACKAGE_ROOT, target);
  return relative.startsWith('..') || path.isAbsolute(relative);
};

/** Every relative import or __dirname path in `text` (of a file at `file`) that leaves the package. */
function pathsLeavingPackage(file: string, text: string): string[] {
  const dir = path.dirname(file);
  const found: string[] = [];
  for (const [, , specifier] of text.matchAll(SPECIFIER)) {
    if (specifier?.startsWith('.') && outside(path.resolve(dir, specifier))) found.push(specifier);
  }
  for (const [call, args = ''] of text.matchAll(DIRNAME_PATH)) {
    const parts = [...args.matchAll(/(['"])([^'"]*)\1/g)].map((match) => match[2] ?? '');
    if (outside(path.resolve(dir, ...parts))) found.push(call);
  }
  return found;
}

describe('the package boundary', () => {
  it('has no file under local/ reaching into the app', () => {
    // This file's own samples (below) would trip it.
    const files = sourceFiles(PACKAGE_ROOT).filter((file) => file !== __filename);
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) =>
      pathsLeavingPackage(file, readFileSync(file, 'utf8')).map(
        (found) => `${path.relative(PACKAGE_ROOT, file)}: ${found}`,
      ),
    );
    expect(offending).toEqual([]);
  });

  it('catches what it is meant to catch (and lets the package reach its own files)', () => {
    const file = path.join(PACKAGE_ROOT, 'test', 'unit', 'x', 'some.test.ts');
    // Four levels up from that file is the repository root. Built, not written out, so that a plain
    // `git grep` for app imports under local/ finds none here either.
    const up = '../'.repeat(4);
    const text = [
      `import { synthShop } from '${up}test/helpers/synth';`,
      `import type { X } from '${up}lambdas/shared/x';`,
      `const y = require('${up}lib/y');`,
      `jest.mock('${up}bin/app');`,
      "const app = path.join(__dirname, '..', '..', '..', '..', 'lambdas');",
      "import { fine } from '../../../apigateway/router';",
      "const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'lambda');",
      "import { SignatureV4 } from '@smithy/signature-v4';",
    ].join('\n');
    expect(pathsLeavingPackage(file, text)).toEqual([
      `${up}test/helpers/synth`,
      `${up}lambdas/shared/x`,
      `${up}lib/y`,
      `${up}bin/app`,
      "path.join(__dirname, '..', '..', '..', '..', 'lambdas'",
    ]);
  });
});
