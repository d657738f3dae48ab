import { create } from 'zustand';
import type { BotDto } from '#contract/dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { getBridge } from './bridge.ts';

type LifecycleCommand = 'bot:start' | 'bot:stop' | 'bot:pause' | 'bot:resume';

interface BotsState {
  bots: BotDto[];
  /** The last refusal per bot, shown beside it until the next attempt: one line, never a growing list. */
  errors: Record<string, string | undefined>;
  pending: Record<string, boolean>;
  setAll(bots: BotDto[]): void;
  upsert(bot: BotDto): void;
  start(botId: string): Promise<void>;
  stop(botId: string): Promise<void>;
  pause(botId: string): Promise<void>;
  resume(botId: string): Promise<void>;
}

export const useBotsStore = create<BotsState>((set, get) => {
  /** One command per bot at a time: a second click while the first is out is ignored, not queued. */
  const run = async (botId: string, channel: LifecycleCommand): Promise<void> => {
    if (get().pending[botId]) return;
    set({ pending: { ...get().pending, [botId]: true }, errors: { ...get().errors, [botId]: undefined } });
    const r = await getBridge().invoke(channel, { botId });
    set({ pending: { ...get().pending, [botId]: false } });
    if (r.ok) get().upsert(r.value);
    else set({ errors: { ...get().errors, [botId]: describeBridgeError(r.error) } });
  };
  return {
    bots: [],
    errors: {},
    pending: {},
    setAll: (bots) => set({ bots }),
    upsert: (bot) => set({ bots: get().bots.some((b) => b.id === bot.id) ? get().bots.map((b) => (b.id === bot.id ? bot : b)) : [...get().bots, bot] }),
    start: (botId) => run(botId, 'bot:start'),
    stop: (botId) => run(botId, 'bot:stop'),
    pause: (botId) => run(botId, 'bot:pause'),
    resume: (botId) => run(botId, 'bot:resume'),
  };
});

/** Keeps the store in step with the engine: snapshot, then one delta per bot change. */
export function followBots(): () => void {
  return getBridge().subscribe('bots', {}, {
    snapshot: (bots) => useBotsStore.getState().setAll(bots),
    delta: (bot) => useBotsStore.getState().upsert(bot),
  });
}
