import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The plain files under `--data-dir` that keep a service's state across restarts. Writes are synchronous
 * on purpose: the state is on disk before the call that changed it answers, so a `kill -9` loses at most
 * what was still in progress (which AWS would deliver again too).
 */

/** Replaces `file` as a whole: written beside it, then renamed, so a crash leaves the old or the new one. */
export function writeJsonAtomically(file: string, value: unknown): void {
  replaceFile(file, JSON.stringify(value));
}

/** Replaces an append-only log as a whole (compaction), atomically as `writeJsonAtomically` does. */
export function writeJsonLinesAtomically(file: string, values: readonly unknown[]): void {
  replaceFile(file, values.map((value) => `${JSON.stringify(value)}\n`).join(''));
}

function replaceFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** The JSON `file` holds, or undefined when there is none yet. */
export function readJsonFile<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Adds one JSON line to an append-only log. */
export function appendJsonLine(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(value)}\n`);
}

/**
 * The entries of an append-only log, oldest first. A last line cut short by a crash mid-write is
 * skipped: that change never completed.
 */
export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const entries: T[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    try {
      entries.push(JSON.parse(line) as T);
    } catch (error) {
      if (lines.slice(index + 1).some((rest) => rest !== '')) throw error;
    }
  });
  return entries;
}
