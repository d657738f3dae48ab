import type { Result } from '#core/result';
import type { EngineError } from '../engine-api.ts';
import type { SettingsView } from '../settings-service.ts';
import type { TradingAccount } from '../trading/live-arming.ts';

/** The word the trader types to switch to live: the same one the arming dialog asks for. */
export const LIVE_WORD = 'LIVE';

/** Surrounding spaces forgiven, the word itself exact: `live` or `Live` is not a confirmation. */
export function isLiveWord(typed: string): boolean {
  return typed.trim() === LIVE_WORD;
}

/** A switch to live: the arming travels with it, so the new engine never runs live on a stale click. */
export interface GoLiveInput {
  /** The account the trader saw and named: OpenAlgo must still trade for it. */
  readonly broker: string;
  readonly host: string;
  readonly rememberToday: boolean;
  /** What the trader typed; anything but the confirmation word refuses the switch. */
  readonly confirm: string;
}

/** Switching to live while the terminal runs (only the terminal's mode switcher offers it). */
export interface LiveSwitch {
  /** The account live orders would go to: OpenAlgo's broker and funds with the saved connection. */
  account(): Promise<Result<TradingAccount, EngineError>>;
  /** Stops this mode's engine and starts a live one, armed for the named account; refused while the book holds anything. */
  goLive(input: GoLiveInput): Promise<Result<SettingsView, EngineError>>;
}
