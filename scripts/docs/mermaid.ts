/**
 * Mermaid text that GitHub renders: ids made of letters, digits and underscores; labels quoted, with the
 * characters that would end a quoted label or start markup written as entities.
 */
export const mermaidId = (raw: string): string => raw.replace(/[^A-Za-z0-9_]/g, '_');

export const mermaidText = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // A pipe ends an edge's label even inside quotes in some renderers.
    .replace(/\|/g, '#124;');

/** Lines of a label, each escaped, joined with mermaid's line break. */
export const mermaidLines = (lines: readonly string[]): string => lines.map(mermaidText).join('<br/>');

/** A fenced mermaid block for a markdown page. */
export const mermaidBlock = (lines: readonly string[]): string => ['```mermaid', ...lines, '```'].join('\n');
