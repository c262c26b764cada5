import { type ChoiceRule, conditionText } from './asl-conditions';
import { mermaidBlock, mermaidId, mermaidLines } from './mermaid';

/** The part of Amazon States Language the pictures draw. */
export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Resource?: string;
  readonly Choices?: ReadonlyArray<ChoiceRule & { Next: string }>;
  readonly Catch?: ReadonlyArray<{ ErrorEquals: string[]; Next: string }>;
  readonly Retry?: ReadonlyArray<{ ErrorEquals: string[]; MaxAttempts?: number }>;
  readonly Branches?: readonly AslMachine[];
  readonly ItemProcessor?: AslMachine;
  readonly Iterator?: AslMachine;
  readonly Error?: string;
  readonly Seconds?: number;
}

export interface AslMachine {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

const SHAPES: Readonly<Record<string, [string, string]>> = {
  Task: ['[', ']'],
  Choice: ['{', '}'],
  Pass: ['[/', '/]'],
  Wait: ['[\\', '\\]'],
  Succeed: ['([', '])'],
  Fail: ['([', '])'],
};

/** A Retry's errors, short: five `Lambda.*` errors read as `Lambda.* (5)`. */
export function errorsText(errors: readonly string[]): string {
  const prefixes = new Set(errors.map((error) => error.split('.')[0]));
  const [prefix] = prefixes;
  if (errors.length > 2 && prefixes.size === 1 && errors.every((error) => error.includes('.'))) {
    return `${prefix}.* (${errors.length})`;
  }
  return errors.join(', ');
}

/** What a Task does: the function it invokes by name, or the service integration it calls. */
export function taskText(resource: string | undefined): string {
  if (resource === undefined) return '';
  const fn = /:function:([^:]+)/.exec(resource);
  if (fn) return `λ ${fn[1]}`;
  const integration = /:states:::(.+)$/.exec(resource);
  return integration?.[1] ?? resource;
}

/**
 * A state machine's graph as a mermaid flowchart: every state, Next and End, each Choice branch with its
 * condition and the default, Catch (dotted, with the errors) and Retry (dotted loops, with the errors and
 * attempts; a retrier of 0 attempts, which only says "do not retry", is left out); Parallel branches and
 * Map iterations nested in subgraphs.
 */
export function stateMachineDiagram(machine: AslMachine): string {
  const lines = ['flowchart TD', '  start((start))'];
  const ends: string[] = [];
  renderScope(machine, 'm', lines, ends, '  ');
  lines.push(`  start --> ${stateId('m', machine.StartAt)}`);
  if (ends.length > 0) lines.push('  finish((end))', ...ends.map((id) => `  ${id} --> finish`));
  return mermaidBlock(lines);
}

const stateId = (scope: string, name: string): string => mermaidId(`${scope}_${name}`);

function renderScope(
  machine: AslMachine,
  scope: string,
  lines: string[],
  ends: string[],
  indent: string,
): void {
  for (const [name, state] of Object.entries(machine.States)) {
    const id = stateId(scope, name);
    const nested =
      state.Branches ??
      ((state.ItemProcessor ?? state.Iterator) ? [state.ItemProcessor ?? state.Iterator] : []);
    if (nested.length > 0) {
      lines.push(`${indent}subgraph ${id}["${mermaidLines([name, state.Type])}"]`);
      nested.forEach((inner, index) => {
        if (!inner) return;
        const innerScope = `${id}_${index}`;
        const innerEnds: string[] = [];
        lines.push(
          `${indent}  subgraph ${innerScope}["${state.Type === 'Parallel' ? `branch ${index + 1}` : 'each item'}"]`,
        );
        renderScope(inner, innerScope, lines, innerEnds, `${indent}    `);
        lines.push(`${indent}  end`);
      });
      lines.push(`${indent}end`);
    } else {
      const [open, close] = SHAPES[state.Type] ?? ['[', ']'];
      const detail =
        state.Type === 'Task'
          ? taskText(state.Resource)
          : state.Type === 'Fail'
            ? `Fail: ${state.Error ?? ''}`
            : state.Type;
      lines.push(`${indent}${id}${open}"${mermaidLines([name, detail])}"${close}`);
    }
    lines.push(...transitions(scope, id, state, indent));
    if (state.End) ends.push(id);
  }
}

function transitions(scope: string, id: string, state: AslState, indent: string): string[] {
  const to = (name: string) => stateId(scope, name);
  const lines: string[] = [];
  if (state.Next) lines.push(`${indent}${id} --> ${to(state.Next)}`);
  for (const choice of state.Choices ?? []) {
    lines.push(`${indent}${id} -->|"${mermaidLines([conditionText(choice)])}"| ${to(choice.Next)}`);
  }
  if (state.Default) lines.push(`${indent}${id} -->|"default"| ${to(state.Default)}`);
  // One loop per state, a line per retrier, so that three retriers do not draw three loops.
  const retries = (state.Retry ?? [])
    .filter((retry) => retry.MaxAttempts !== 0)
    .map((retry) => `retry ${errorsText(retry.ErrorEquals)} ×${retry.MaxAttempts ?? 3}`);
  if (retries.length > 0) lines.push(`${indent}${id} -.->|"${mermaidLines(retries)}"| ${id}`);
  for (const handler of state.Catch ?? []) {
    lines.push(
      `${indent}${id} -.->|"${mermaidLines([`catch ${errorsText(handler.ErrorEquals)}`])}"| ${to(handler.Next)}`,
    );
  }
  return lines;
}
