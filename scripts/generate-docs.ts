import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { architecturePage, overviewDiagram } from './docs/architecture-diagram';
import { asyncApiDocument } from './docs/asyncapi';
import { localStageTemplates } from './docs/cloud-assembly';
import { eventFlowPage } from './docs/event-flow-page';
import { openApiDocuments } from './docs/openapi';
import { withOverview } from './docs/readme-overview';
import type { StackTemplate } from './docs/stack-exports';
import { stateMachinesPage } from './docs/state-machines-page';
import { appGraph } from './docs/template-graph';
import { PUBLISHERS } from './event-catalogue';

/**
 * `npm run docs`: the pictures and references in docs/ made from the synthesized app and the contracts'
 * schemas, never drawn by hand. A contract test fails when the committed files differ from what this
 * makes now, so they cannot drift.
 */
export const DOCS_DIR = path.join(__dirname, '..', 'docs');
export const README_PATH = path.join(__dirname, '..', 'README.md');

/** Every generated file, by path relative to DOCS_DIR, from these stacks' templates. */
export function docsFiles(stacks: readonly StackTemplate[]): Map<string, string> {
  const graph = appGraph(stacks);
  const names = stacks.map((stack) => stack.stackName);
  return new Map([
    ['architecture.md', architecturePage(graph, names)],
    ['state-machines.md', stateMachinesPage(stacks)],
    ['event-flow.md', eventFlowPage(graph, PUBLISHERS, names)],
    ['api/events.asyncapi.json', `${JSON.stringify(asyncApiDocument(graph, PUBLISHERS), null, 2)}\n`],
    ...[...openApiDocuments(stacks)].map(
      ([api, document]) => [`api/${api}.openapi.json`, `${JSON.stringify(document, null, 2)}\n`] as const,
    ),
  ]);
}

/** The README as it should be: `readme` with the services overview drawn from these stacks now. */
export function generatedReadme(stacks: readonly StackTemplate[], readme: string): string {
  return withOverview(
    readme,
    overviewDiagram(
      appGraph(stacks),
      stacks.map((stack) => stack.stackName),
    ),
  );
}

/** The files whose committed content differs from `expected` (missing ones included). */
export function staleDocs(expected: ReadonlyMap<string, string>, dir = DOCS_DIR): string[] {
  return [...expected].flatMap(([file, content]) => {
    const full = path.join(dir, file);
    return existsSync(full) && readFileSync(full, 'utf8') === content ? [] : [file];
  });
}

/**
 * Files in docs/api/ the generator no longer makes (an API removed or renamed): left there, they would
 * document what no longer exists. Only docs/api is the generator's alone; docs/events has its own.
 */
export function strayDocs(expected: ReadonlyMap<string, string>, dir = DOCS_DIR): string[] {
  const api = path.join(dir, 'api');
  if (!existsSync(api)) return [];
  return readdirSync(api)
    .map((file) => `api/${file}`)
    .filter((file) => !expected.has(file));
}

function main(): void {
  const stacks = localStageTemplates();
  const files = docsFiles(stacks);
  for (const stray of strayDocs(files)) rmSync(path.join(DOCS_DIR, stray));
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(DOCS_DIR, file)), { recursive: true });
    writeFileSync(path.join(DOCS_DIR, file), content);
  }
  writeFileSync(README_PATH, generatedReadme(stacks, readFileSync(README_PATH, 'utf8')));
  console.log(
    `Wrote ${files.size} files to ${path.relative(process.cwd(), DOCS_DIR)}/ and the README's diagram`,
  );
}

if (require.main === module) main();
