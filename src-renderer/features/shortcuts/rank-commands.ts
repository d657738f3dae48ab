import type { Command } from '#renderer/stores/commands-store.ts';

/** Commands whose title has every typed word, best first (a title starting with the query, then shorter titles). */
export function rankCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const q = words.join(' ');
  return commands
    .filter((c) => c.id !== 'palette')
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w) || c.group.toLowerCase().includes(w)))
    .sort((a, b) => Number(b.title.toLowerCase().startsWith(q)) - Number(a.title.toLowerCase().startsWith(q)) || a.title.length - b.title.length);
}
