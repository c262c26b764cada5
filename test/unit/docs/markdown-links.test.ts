import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The README and the docs are the product's front door: a link to a moved file or a renamed heading is a
 * dead end for a newcomer. Every relative link and image in the project's markdown must reach a file or
 * folder that exists, and every `#anchor` a heading of its page (slugged as GitHub does).
 */
const ROOT = path.join(__dirname, '..', '..', '..');
const SKIPPED = new Set(['node_modules', 'cdk.out', '.git', 'coverage', '.local-cloud', '.rebuild']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('cdk.out')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

/** The prose of a page: fenced blocks dropped, inline code spans blanked (they hold `[`, `(` as text). */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').flatMap((line) => {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [line.replace(/`[^`]*`/g, 'code')];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  readonly page: string;
  readonly target: string;
}

function relativeLinks(page: string): Link[] {
  return prose(readFileSync(page, 'utf8')).flatMap((line) =>
    [...line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z]+:/i.test(target))
      .map((target) => ({ page: path.relative(ROOT, page), target })),
  );
}

/** What is wrong with a link, or undefined when it leads somewhere. */
function brokenBecause({ page, target }: Link): string | undefined {
  const [file = '', anchor] = target.split('#');
  const resolved = file === '' ? path.join(ROOT, page) : path.join(ROOT, path.dirname(page), file);
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  return headingAnchors(readFileSync(resolved, 'utf8')).has(anchor) ? undefined : 'no such heading';
}

describe("the project's markdown links", () => {
  const pages = markdownFiles(ROOT);
  const links = pages.flatMap(relativeLinks);

  it('are found in the README, the docs and the local cloud’s pages', () => {
    const linking = new Set(links.map((link) => link.page));
    for (const page of ['README.md', 'docs/README.md', 'docs/running.md', 'local/README.md'])
      expect(linking).toContain(page);
    // The README links every page of docs/ it promises, and shows the console's screenshots.
    const fromReadme = links.filter((link) => link.page === 'README.md').map((link) => link.target);
    expect(fromReadme).toEqual(
      expect.arrayContaining([
        'docs/architecture.md',
        'docs/running.md',
        'docs/testing.md',
        'docs/benchmarks.md',
        'docs/screenshots/timeline.png',
        'docs/screenshots/execution.png',
        'docs/screenshots/queues.png',
      ]),
    );
  });

  it('each reach a file that exists and, with an anchor, a heading of that page', () => {
    const broken = links.flatMap((link) => {
      const why = brokenBecause(link);
      return why === undefined ? [] : [`${link.page}: ${link.target} (${why})`];
    });
    expect(broken).toEqual([]);
  });

  it('slug headings as GitHub does', () => {
    expect([
      ...headingAnchors(
        '# A\n## The place-order saga (orchestrated)\n## What `npm run bench` measures\n## A\n```\n# not a heading\n```',
      ),
    ]).toEqual(['a', 'the-place-order-saga-orchestrated', 'what-npm-run-bench-measures', 'a-1']);
  });
});
