import type { BotDto } from '#contract/dto';

export type BotAction = 'start' | 'pause' | 'resume' | 'stop';
export type TradingState = 'active' | 'reducing' | 'halted';

export interface ActionOffer {
  readonly action: BotAction;
  readonly label: string;
  /** Why it cannot be pressed now; undefined when it can. */
  readonly refusal?: string;
}

const LABEL: Record<BotAction, string> = { start: 'Start', pause: 'Pause', resume: 'Resume', stop: 'Stop' };

/**
 * The buttons a bot card shows, following the bot's lifecycle (stopped → starting → running ⇄ paused →
 * stopping → stopped; error → start resets it, stop winds it down). A button the state does not allow is
 * not shown at all; one the state allows but the moment does not (engine away, trading halted, the bot
 * missing from the build) is shown disabled with its reason.
 */
export function botActions(bot: BotDto, stale: boolean, tradingState?: TradingState, live?: LiveContext): ActionOffer[] {
  const offer = (action: BotAction, refusal?: string): ActionOffer => ({ action, label: LABEL[action], ...(refusal ? { refusal } : {}) });
  const away = stale ? 'The engine is not connected.' : undefined;
  const start = startRefusal(bot, stale, tradingState) ?? (live ? liveRefusal(bot, live) : undefined);
  switch (bot.state) {
    case 'stopped':
      return [offer('start', start)];
    case 'error':
      return [offer('start', start), offer('stop', away)];
    case 'starting':
      return [offer('stop', away)];
    case 'running':
      return [offer('pause', away), offer('stop', away)];
    case 'paused':
      return [offer('resume', away ?? (tradingState === 'halted' ? 'Trading is halted: resume trading first.' : undefined)), offer('stop', away)];
    case 'stopping':
      return [];
  }
}

/** A live terminal: whether live trading is armed. */
export interface LiveContext {
  readonly armed: boolean;
}

/** In a live terminal a bot runs only set to live and only once live trading is armed (the engine refuses the rest). */
export function liveRefusal(bot: BotDto, live: LiveContext): string | undefined {
  if (bot.execution !== 'live') return 'This terminal trades live: set the bot to live in its Settings… to run it with real money, or run the terminal in paper mode.';
  return live.armed ? undefined : 'Live trading is not armed: arm it in the top bar first.';
}

/**
 * Why Start cannot be pressed now, or undefined: a bot that is not part of the build never can, and none
 * can while the engine is away or trading is halted (the kill switch, a loss limit).
 */
export function startRefusal(bot: BotDto, stale: boolean, tradingState?: TradingState): string | undefined {
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

/** The line a card shows for its state: the reason beside error and unavailable, nothing for the ordinary states. */
export function stateReason(bot: BotDto): string | undefined {
  if (!bot.available) return bot.message ?? 'This bot is not available in this build.';
  if (bot.state === 'error') return bot.message ?? 'The bot stopped on an error; Start resets it.';
  return undefined;
}
