import type { z } from 'zod';
import type { Bar, Tick } from '#model/bar';
import type { Fill } from '#model/fill';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { BotKind } from '../catalog.ts';
import type { BotContext } from './context.ts';
import type { ParamsSchema } from './params.ts';
import type { BotRequirements } from './requirements.ts';

/** What a hook returns: intents for the order path, signals for the trader, and the bot's next state. */
export interface HookResult<S> {
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
  /** The bot's next state; left out, the state is unchanged. */
  readonly state?: S;
}

/**
 * The hooks, each called through `runHook`. They are functions of (event, ctx) only: the bot keeps
 * nothing between calls except the `state` it returns, which the engine stores and hands back, so a
 * restart resumes a bot exactly and the same inputs always give the same outputs.
 */
export interface BotHooks<P, S> {
  onStart?(ctx: BotContext<P, S>): HookResult<S>;
  /** A closed bar of a declared series (1m first, then coarser bars closing at the same instant). */
  onBar?(bar: Bar, ctx: BotContext<P, S>): HookResult<S>;
  /** A tick of a declared instrument. Keep it light: it runs on the hot path. */
  onTick?(tick: Tick, ctx: BotContext<P, S>): HookResult<S>;
  /** A fill of one of the bot's orders (positions in `ctx` already include it). */
  onFill?(fill: Fill, ctx: BotContext<P, S>): HookResult<S>;
  /** The bot is stopping: return what must happen first (cancel working orders, flatten if asked to). */
  onStop?(ctx: BotContext<P, S>): HookResult<S>;
}

export interface BotStateSpec<P, S> {
  /** Validates the state the store hands back after a restart, and every state a hook returns. */
  readonly schema: z.ZodType<S>;
  initial(params: P): S;
}

/** A bot: declared parameters, requirements and state, and its hooks. */
export interface BotDefinition<P, S> {
  readonly kind: BotKind;
  readonly params: ParamsSchema<P>;
  readonly state: BotStateSpec<P, S>;
  requirements(params: P): BotRequirements;
  readonly hooks: BotHooks<P, S>;
}

/** Nothing to do. */
export function idle<S>(state?: S): HookResult<S> {
  return state === undefined ? { intents: [], signals: [] } : { intents: [], signals: [], state };
}
