import { create } from 'zustand';
import type { BotDto } from '#contract/dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { getBridge } from './bridge.ts';

interface BotsState {
  bots: BotDto[];
  /** The last refusal per bot, shown beside it until the next attempt: one line, never a growing list. */
  errors: Record<string, string | undefined>;
  pending: Record<string, boolean>;
  setAll(bots: BotDto[]): void;
  upsert(bot: BotDto): void;
  start(botId: string): Promise<void>;
  stop(botId: string): Promise<void>;
}

export const useBotsStore = create<BotsState>((set, get) => {
  const run = async (botId: string, channel: 'bot:start' | 'bot:stop'): Promise<void> => {
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
  };
});

/**
 * Why Start cannot be pressed now, or undefined: a bot that is not part of the build never can, and none
 * can while the engine is away or trading is halted (the kill switch, a loss limit).
 */
export function startRefusal(bot: BotDto, stale: boolean, tradingState?: 'active' | 'reducing' | 'halted'): string | undefined {
  if (stale) return 'The engine is not connected.';
  if (!bot.available) return bot.message ?? 'This bot is not available in this build.';
  if (tradingState === 'halted') return 'Trading is halted: resume trading first.';
  if (bot.state !== 'stopped' && bot.state !== 'error') return `The bot is ${bot.state}.`;
  return undefined;
}

/** The refusal to show under a bot, unless it only repeats the reason the bot already shows: one line, never two. */
export function errorLine(bot: BotDto, error: string | undefined): string | undefined {
  const plain = (t: string | undefined) => t?.replace(/\.$/, '').toLowerCase();
  return error && plain(error) !== plain(bot.message) ? error : undefined;
}

/** Keeps the store in step with the engine: snapshot, then one delta per bot change. */
export function followBots(): () => void {
  return getBridge().subscribe('bots', {}, {
    snapshot: (bots) => useBotsStore.getState().setAll(bots),
    delta: (bot) => useBotsStore.getState().upsert(bot),
  });
}
