import { html } from './html.js';

const BOX_W = 190;
const BOX_H = 38;
const GAP_X = 28;
const GAP_Y = 46;
const PAD = 16;

/** Where a state can go next: `Next`, `Default`, each choice, each catcher. */
export function transitions(state) {
  const out = [];
  if (state.Next) out.push({ to: state.Next, kind: 'next' });
  if (state.Default) out.push({ to: state.Default, kind: 'next' });
  for (const choice of state.Choices ?? []) if (choice.Next) out.push({ to: choice.Next, kind: 'next' });
  for (const catcher of state.Catch ?? []) if (catcher.Next) out.push({ to: catcher.Next, kind: 'catch' });
  return out;
}

/**
 * Rows by distance from `StartAt` (breadth first), states in a row side by side: a layout that needs no
 * measuring and reads top to bottom as the machine runs. States no path reaches go in a last row.
 */
export function layout(definition) {
  const depth = new Map([[definition.StartAt, 0]]);
  const queue = [definition.StartAt];
  while (queue.length > 0) {
    const name = queue.shift();
    for (const { to } of transitions(definition.States[name] ?? {})) {
      if (!depth.has(to) && definition.States[to]) {
        depth.set(to, depth.get(name) + 1);
        queue.push(to);
      }
    }
  }
  const lastRow = Math.max(0, ...depth.values()) + 1;
  for (const name of Object.keys(definition.States)) if (!depth.has(name)) depth.set(name, lastRow);
  const rows = [];
  for (const [name, row] of depth) {
    if (!rows[row]) rows[row] = [];
    rows[row].push(name);
  }
  const widest = Math.max(...rows.filter(Boolean).map((r) => r.length));
  // Room on the side for the edges that loop back up, which curve out past the boxes.
  const width = widest * BOX_W + (widest - 1) * GAP_X + 2 * PAD + BOX_W / 2;
  const positions = new Map();
  rows.forEach((names, row) => {
    const rowWidth = names.length * BOX_W + (names.length - 1) * GAP_X;
    names.forEach((name, i) => {
      positions.set(name, {
        x: (width - rowWidth) / 2 + i * (BOX_W + GAP_X),
        y: PAD + row * (BOX_H + GAP_Y),
      });
    });
  });
  return { positions, width, height: PAD * 2 + rows.length * (BOX_H + GAP_Y) - GAP_Y };
}

/**
 * The machine's states as boxes and their transitions as arrows; the states the execution went through
 * and the transitions it took are highlighted, a state it failed in is red. Click a state for its input
 * and output.
 */
export function StateGraph({ definition, path, statusOf, selected, onSelect }) {
  const { positions, width, height } = layout(definition);
  const taken = new Set(path.slice(1).map((name, i) => `${path[i]}->${name}`));
  const edges = [];
  for (const [from, state] of Object.entries(definition.States)) {
    for (const { to, kind } of transitions(state)) {
      const a = positions.get(from);
      const b = positions.get(to);
      if (!a || !b) continue;
      const x1 = a.x + BOX_W / 2;
      const y1 = a.y + BOX_H;
      const x2 = b.x + BOX_W / 2;
      const y2 = b.y;
      const classes = ['edge', kind, taken.has(`${from}->${to}`) ? 'taken' : ''].join(' ');
      // Downward edges are straight; an edge back up curves out to the side so it does not cross boxes.
      const d =
        y2 > y1
          ? `M${x1},${y1} C${x1},${y1 + GAP_Y / 2} ${x2},${y2 - GAP_Y / 2} ${x2},${y2}`
          : `M${x1 + BOX_W / 2},${y1 - BOX_H / 2} C${x1 + BOX_W},${y1} ${x2 + BOX_W},${y2} ${x2 + BOX_W / 2},${y2 + BOX_H / 2}`;
      edges.push(html`<path class=${classes} d=${d} marker-end="url(#arrow)" />`);
    }
  }
  return html`
    <svg class="graph" style="max-width: ${width}px" viewBox="0 0 ${width} ${height}" data-testid="state-graph">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      ${edges}
      ${[...positions].map(([name, { x, y }]) => {
        const status = statusOf(name);
        return html`
          <g
            class="state state-${status} ${selected === name ? 'selected' : ''}"
            data-state=${name}
            data-status=${status}
            onClick=${() => onSelect(name)}
          >
            <rect x=${x} y=${y} width=${BOX_W} height=${BOX_H} rx="6" />
            <text x=${x + BOX_W / 2} y=${y + 16}>${name.length > 26 ? `${name.slice(0, 25)}…` : name}</text>
            <text class="type" x=${x + BOX_W / 2} y=${y + 30}>${definition.States[name].Type}</text>
          </g>
        `;
      })}
    </svg>
  `;
}
