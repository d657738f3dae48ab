import type { BotDefinition, BotHooks } from '#bots/contract/bot';
import type { BotContext } from '#bots/contract/context';
import type { BotModels } from '#bots/contract/models';

/**
 * The bot as the engine runs it with `models` injected (a trained ML source, another regime classifier):
 * every hook sees its context with `models` replaced, nothing else changed. For tests, until the harness
 * takes models itself.
 */
export function withModels<P, S>(def: BotDefinition<P, S>, models: Partial<BotModels>): BotDefinition<P, S> {
  const swap = (ctx: BotContext<P, S>): BotContext<P, S> => Object.freeze({ ...ctx, models: Object.freeze({ ...ctx.models, ...models }) });
  const h = def.hooks;
  const hooks: BotHooks<P, S> = {
    ...(h.onStart ? { onStart: (ctx: BotContext<P, S>) => h.onStart!(swap(ctx)) } : {}),
    ...(h.onBar ? { onBar: (bar, ctx) => h.onBar!(bar, swap(ctx)) } : {}),
    ...(h.onTick ? { onTick: (tick, ctx) => h.onTick!(tick, swap(ctx)) } : {}),
    ...(h.onFill ? { onFill: (fill, ctx) => h.onFill!(fill, swap(ctx)) } : {}),
    ...(h.onStop ? { onStop: (ctx: BotContext<P, S>) => h.onStop!(swap(ctx)) } : {}),
  };
  return { ...def, hooks };
}
