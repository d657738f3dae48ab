import type { BotStructureView } from '../contract/context.ts';

const byIntent = new WeakMap<readonly BotStructureView[], ReadonlyMap<string, BotStructureView>>();

/**
 * The structure a bot entered with `intentId` (plain text, as a bot's state keeps it), as `structures.find`
 * gives it. `ctx.structures` lists every structure of the bot since it began and stays one array until an
 * order or a structure changes, so it is indexed once per change: a search per held position per bar grew
 * with a backtest's length.
 */
export function structureOf(structures: readonly BotStructureView[], intentId: string): BotStructureView | undefined {
  let index = byIntent.get(structures);
  if (!index) {
    const m = new Map<string, BotStructureView>();
    for (const s of structures) if (!m.has(s.intentId)) m.set(s.intentId, s);
    byIntent.set(structures, m);
    index = m;
  }
  return index.get(intentId);
}
