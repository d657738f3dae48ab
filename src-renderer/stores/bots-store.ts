import { create } from 'zustand';
import type { BotDto } from '#contract/dto';
import { getBridge } from './bridge.ts';

interface BotsState {
  bots: BotDto[];
  /** The last refusal per bot, shown beside it until the next attempt. */
  errors: Record<string, string>;
  pending: Record<string, boolean>;
  setAll(bots: BotDto[]): void;
  upsert(bot: BotDto): void;
  start(botId: string): Promise<void>;
  stop(botId: string): Promise<void>;
}

export const useBotsStore = create<BotsState>((set, get) => {
  const run = async (botId: string, channel: 'bot:start' | 'bot:stop'): Promise<void> => {
    set({ pending: { ...get().pending, [botId]: true }, errors: { ...get().errors, [botId]: '' } });
    const r = await getBridge().invoke(channel, { botId });
    set({ pending: { ...get().pending, [botId]: false } });
    if (r.ok) get().upsert(r.value);
    else set({ errors: { ...get().errors, [botId]: r.error.message } });
  };
  return {
    bots: [],
    errors: {},
    pending: {},
    setAll: (bots) => set({ bots }),
    upsert: (bot) => set({ bots: get().bots.map((b) => (b.id === bot.id ? bot : b)) }),
    start: (botId) => run(botId, 'bot:start'),
    stop: (botId) => run(botId, 'bot:stop'),
  };
});

/** Keeps the store in step with the engine: snapshot, then one delta per bot change. */
export function followBots(): () => void {
  return getBridge().subscribe('bots', {}, {
    snapshot: (bots) => useBotsStore.getState().setAll(bots),
    delta: (bot) => useBotsStore.getState().upsert(bot),
  });
}
