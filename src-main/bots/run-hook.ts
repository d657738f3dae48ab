import { err, ok, type Result } from '#core/result';
import type { Bar, Tick } from '#model/bar';
import type { Fill } from '#model/fill';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import type { StructureLegSpec } from '#model/structure';
import { nextBotState, type BotState } from './bot-fsm.ts';
import type { BotDefinition, HookResult } from './contract/bot.ts';
import type { BotContext } from './contract/context.ts';

export type HookEvent =
  | { readonly hook: 'onStart' }
  | { readonly hook: 'onBar'; readonly bar: Bar }
  | { readonly hook: 'onTick'; readonly tick: Tick }
  | { readonly hook: 'onFill'; readonly fill: Fill }
  | { readonly hook: 'onStop' };
export type HookName = HookEvent['hook'];

/** Why a bot faulted: its hook threw (a bug, or a mutation of the frozen context), or broke the contract. */
export interface BotFault {
  readonly kind: 'threw' | 'contract-violation';
  readonly hook: HookName;
  readonly message: string;
  readonly stack?: string;
}

export interface HookOutput<S> {
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
  readonly state: S;
}

/** Intents that open exposure; refused before warm-up. Closing, cancelling and flattening always pass. */
const OPENING = new Set<Intent['kind']>(['place', 'enter-structure']);

/**
 * Freqtrade's strategy_safe_wrapper: calls one hook, and whatever the bot does (throws, returns garbage,
 * opens before warm-up, signs an intent with another bot's id) comes back as a value. The manager moves
 * that bot to *error* with `faultedState`; the engine and the other bots go on.
 */
export function runHook<P, S>(def: BotDefinition<P, S>, event: HookEvent, ctx: BotContext<P, S>): Result<HookOutput<S>, BotFault> {
  let out: HookResult<S> | undefined;
  try {
    out = call(def, event, ctx);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return err({ kind: 'threw', hook: event.hook, message: `${def.kind} ${event.hook} threw: ${error.message}`, ...(error.stack ? { stack: error.stack } : {}) });
  }
  const problem = out === undefined ? undefined : check(def, out, ctx);
  if (out === undefined) return ok({ intents: [], signals: [], state: ctx.state });
  if (problem) return err({ kind: 'contract-violation', hook: event.hook, message: `${def.kind} ${event.hook}: ${problem}` });
  return ok({ intents: out.intents, signals: out.signals, state: out.state === undefined ? ctx.state : out.state });
}

/** The state a faulted bot moves to (from starting, running, paused or stopping). */
export function faultedState(current: BotState): BotState {
  const next = nextBotState(current, 'fault');
  return next.ok ? next.value : current;
}

function call<P, S>(def: BotDefinition<P, S>, event: HookEvent, ctx: BotContext<P, S>): HookResult<S> | undefined {
  const h = def.hooks;
  switch (event.hook) {
    case 'onStart':
      return h.onStart?.(ctx);
    case 'onBar':
      return h.onBar?.(event.bar, ctx);
    case 'onTick':
      return h.onTick?.(event.tick, ctx);
    case 'onFill':
      return h.onFill?.(event.fill, ctx);
    case 'onStop':
      return h.onStop?.(ctx);
  }
}

/**
 * States that passed their schema lately, newest first. A bot holding positions on several underlyings
 * moves the one it just managed last, so its state cycles through a few orders of the same positions:
 * a state equal to one of these passes as it did, without parsing it again.
 */
const passed = new WeakMap<object, readonly unknown[]>();
/** Enough for a position on each of the four underlyings. */
const PASSED_KEPT = 4;

function check<P, S>(def: BotDefinition<P, S>, out: HookResult<S>, ctx: BotContext<P, S>): string | undefined {
  if (typeof out !== 'object' || out === null || !Array.isArray(out.intents) || !Array.isArray(out.signals)) return 'a hook must return { intents: [], signals: [] }';
  // Most hooks return neither: no set of their ids to build.
  const problem = out.intents.length + out.signals.length > 0 ? checkIntentsAndSignals(out, ctx) : undefined;
  if (problem) return problem;
  // The state the hook was given (returned unchanged) was checked when it was returned or restored.
  if (out.state !== undefined && out.state !== ctx.state) {
    const schema = def.state.schema;
    const seen = passed.get(schema) ?? [];
    if (seen.some((s) => sameData(out.state, s))) return undefined;
    const parsed = schema.safeParse(out.state);
    if (!parsed.success) return `returned state does not match its schema: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`;
    passed.set(schema, [out.state, ...seen.slice(0, PASSED_KEPT - 1)]);
  }
  return undefined;
}

function checkIntentsAndSignals<P, S>(out: HookResult<S>, ctx: BotContext<P, S>): string | undefined {
  const ids = new Set<string>();
  for (const i of out.intents) {
    if (i.botId !== ctx.botId) return `intent ${i.intentId} is signed by ${i.botId}, not ${ctx.botId}`;
    if (ids.has(i.intentId)) return `intent id ${i.intentId} used twice`;
    ids.add(i.intentId);
    if (!ctx.warm && OPENING.has(i.kind)) return `opening intent (${i.kind}) before the warm-up is complete`;
    if (!i.reason) return `intent ${i.intentId} has no reason`;
    const quantities: number[] = i.kind === 'place' ? [i.quantity] : i.kind === 'enter-structure' ? i.legs.map((l: StructureLegSpec) => l.quantity) : [];
    if (i.kind === 'enter-structure' && i.legs.length === 0) return `structure intent ${i.intentId} has no legs`;
    if (quantities.some((q: number) => !Number.isInteger(q) || q <= 0)) return `intent ${i.intentId} has a quantity that is not a positive whole number`;
  }
  for (const s of out.signals) {
    if (s.botId !== ctx.botId) return `signal ${s.id} is signed by ${s.botId}, not ${ctx.botId}`;
    if (ids.has(s.id)) return `signal id ${s.id} used twice`;
    ids.add(s.id);
    if (!(s.strength >= 0 && s.strength <= 1)) return `signal ${s.id} has strength ${s.strength} outside 0..1`;
    if (!s.decision.reason) return `signal ${s.id} has a decision without a reason`;
    for (const id of s.intentIds) if (!out.intents.some((i) => i.intentId === id)) return `signal ${s.id} names intent ${id} it did not emit`;
  }
  return undefined;
}

/**
 * Whether `a` is the same data as `b` (plain objects with the same keys in the same order, arrays, equal
 * primitives), so a schema gives both the same answer. A shared object stands for itself only when frozen
 * throughout, as a state handed to a hook is: no write since can have changed what was checked.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return frozenThroughout(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Objects seen frozen throughout: freezing cannot be undone, so each is walked once. */
const frozenSeen = new WeakSet<object>();

function frozenThroughout(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || frozenSeen.has(x)) return true;
  if (!Object.isFrozen(x)) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!frozenThroughout(x[i])) return false;
  } else {
    for (const v of Object.values(x)) if (!frozenThroughout(v)) return false;
  }
  frozenSeen.add(x);
  return true;
}
