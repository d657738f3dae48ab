import { nseCalendar } from '#calendar/nse-calendar';
import { istDateFromKey } from '#core/time-ist';
import { botId as toBotId, intentId, parseInstrumentId, signalId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OrderSide } from '#model/order';
import type { Signal } from '#model/signal';
import type { OptionChain } from '#options/chain';
import { tableSpecs, type Underlying } from '#options/contract-specs';
import type { BotDefinition } from '../contract/bot.ts';
import type { BotContext, CapitalView, IdSource } from '../contract/context.ts';
import { minutesOf, parseParams } from '../contract/params.ts';
import type { BotRequirements } from '../contract/requirements.ts';
import { seriesKey } from '../contract/requirements.ts';
import { createBotContext } from '../context/create-context.ts';
import { StudiesHub } from '../context/studies.ts';
import { runHook, type BotFault, type HookEvent } from '../run-hook.ts';
import { PaperExecution, type EntryMode } from './paper-execution.ts';
import { ScriptedMarket, type ScriptedMarketSpec } from './scripted-market.ts';

export interface HarnessOptions<P> {
  readonly market: ScriptedMarketSpec;
  /** Partial parameters; the rest take their defaults. */
  readonly params?: Partial<Record<keyof P, unknown>>;
  /** Days of `market.days` folded as history before the bot starts (no hooks run on them). */
  readonly historyDays?: number;
  readonly capital?: Partial<CapitalView>;
  readonly ivHistory?: readonly number[];
  readonly entryMode?: EntryMode;
  /** Every chain read throws: a broken data source, to show a throwing hook is contained. */
  readonly chainFails?: boolean;
}

export interface Emitted {
  readonly now: number;
  /** Whether the context the hook saw was warm. */
  readonly warm: boolean;
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
}

/** Ids from counters: two harnesses run on the same script produce the same ids. */
function counterIds(): IdSource {
  let i = 0;
  let s = 0;
  return { intent: () => intentId(`in-${++i}`), signal: () => signalId(`sg-${++s}`) };
}

/**
 * Runs a bot on a scripted market as the bot manager will: closed bars feed the studies, then each
 * declared bar reaches `onBar` through `runHook` with a fresh frozen context; intents go to a stand-in
 * execution whose structures and positions the next context shows. Everything is recorded for asserts.
 */
export class BotHarness<P, S> {
  readonly def: BotDefinition<P, S>;
  readonly params: P;
  readonly market: ScriptedMarket;
  readonly execution: PaperExecution;
  readonly requirements: BotRequirements;
  readonly studies = new StudiesHub();
  readonly emitted: Emitted[] = [];
  readonly faults: BotFault[] = [];
  /** Every context handed to a hook (for the contract suite). */
  readonly contexts: BotContext<P, S>[] = [];
  /** Every state a hook returned, in order. */
  readonly states: S[] = [];
  /** Hooks after which their context's data read differently than before (must stay empty). */
  readonly mutations: string[] = [];
  state: S;
  private readonly ids = counterIds();
  private readonly declared: Set<string>;
  private readonly options: HarnessOptions<P>;
  private day: number;
  private minute = 0;

  constructor(def: BotDefinition<P, S>, options: HarnessOptions<P>) {
    const parsed = parseParams(def.params, options.params ?? {});
    if (!parsed.ok) throw new Error(parsed.error.message);
    this.def = def;
    this.options = options;
    this.params = parsed.value;
    this.state = def.state.initial(this.params);
    this.requirements = def.requirements(this.params);
    this.declared = new Set(this.requirements.series.map((s) => seriesKey(s.instrumentId, s.timeframe)));
    this.market = new ScriptedMarket(options.market);
    this.execution = new PaperExecution((id, side) => this.touch(id, side));
    this.execution.mode = options.entryMode ?? 'fill';
    this.day = options.historyDays ?? 0;
    for (let d = 0; d < this.day; d++) for (let i = 0; i < options.market.days[d]!.spot.length; i++) this.market.closeMinute(d, i);
    this.studies.require(this.requirements, (id) => this.market.view(id));
  }

  get signals(): Signal[] {
    return this.emitted.flatMap((e) => e.signals);
  }

  get intents(): Intent[] {
    return this.emitted.flatMap((e) => e.intents);
  }

  /** The chain the bot would read now for `expiry` (the latest minute's quotes). */
  chain(underlying: Underlying, expiry: string, now: number): OptionChain | undefined {
    return this.market.chains.read(underlying, expiry, now);
  }

  /** Runs minute by minute until IST `hhmm` (a bar closing then is the last) on scripted day `day`, or to its end. */
  runUntil(day = this.options.market.days.length - 1, hhmm?: string): this {
    const days = this.options.market.days;
    while (this.day < days.length && this.day <= day) {
      const script = days[this.day]!;
      const { open } = ScriptedMarket.sessionMinutes(script.date);
      const at = hhmm !== undefined && this.day === day ? (istDateFromKey(script.date) + minutesOf(hhmm) * 60_000 - open) / 60_000 : Infinity;
      if (this.minute >= Math.min(script.spot.length, at)) {
        if (this.day === day) return this;
        this.day++;
        this.minute = 0;
        continue;
      }
      const { now, bars } = this.market.closeMinute(this.day, this.minute++);
      for (const bar of bars) this.studies.onBar(bar);
      for (const bar of bars) if (this.declared.has(seriesKey(bar.instrumentId, bar.timeframe))) this.hook({ hook: 'onBar', bar }, now);
    }
    return this;
  }

  /** Calls one hook now (onStart, onStop, …) the way the manager does; after a fault the bot is in error and gets no more. */
  hook(event: HookEvent, now: number): void {
    if (this.faults.length > 0) return;
    const ctx = this.context(now);
    this.contexts.push(ctx);
    const data = (): string => JSON.stringify([ctx.now, ctx.warm, ctx.params, ctx.state, ctx.positions, ctx.openOrders, ctx.structures, ctx.capital]);
    const before = data();
    const out = runHook(this.def, event, ctx);
    if (data() !== before) this.mutations.push(`${event.hook} at ${now}`);
    if (!out.ok) {
      this.faults.push(out.error);
      return;
    }
    this.state = out.value.state;
    this.states.push(out.value.state);
    if (out.value.intents.length > 0 || out.value.signals.length > 0) this.emitted.push({ now, warm: ctx.warm, intents: out.value.intents, signals: out.value.signals });
    this.execution.submit(out.value.intents, now);
  }

  context(now: number): BotContext<P, S> {
    return createBotContext({
      botId: toBotId('bot-under-test'),
      kind: this.def.kind,
      now,
      params: structuredClone(this.params),
      state: structuredClone(this.state),
      requirements: this.requirements,
      sources: {
        market: (id) => this.market.view(id),
        studies: this.studies,
        chain: (u, expiry, at) => {
          if (this.options.chainFails) throw new Error(`chain source for ${u} ${expiry} is down`);
          return this.market.chains.read(u, expiry, at);
        },
        ivHistory: () => this.options.ivHistory ?? [],
        specs: tableSpecs,
        calendar: nseCalendar(),
      },
      book: {
        positions: this.execution.positions(),
        openOrders: [],
        structures: this.execution.structures(),
        capital: { allocation: 2_000_000, deployed: 0, maxLots: 10, maxPositions: 4, ...this.options.capital },
      },
      ids: this.ids,
    });
  }

  /** Buys at the ask, sells at the bid of the latest chain; futures at the forward. */
  private touch(id: InstrumentId, side: OrderSide): number | undefined {
    const { symbol } = parseInstrumentId(id);
    for (const expiry of this.market.chains.expiries(this.options.market.underlying)) {
      const book = this.market.chains.book(this.options.market.underlying, expiry)!;
      const chain = book.snapshot(this.lastNow());
      if (!chain) continue;
      if (symbol.endsWith('FUT')) return chain.forward;
      for (const row of chain.rows) {
        for (const q of [row.ce, row.pe]) if (q?.symbol === symbol) return side === 'BUY' ? q.ask : q.bid;
      }
    }
    return undefined;
  }

  private lastNow(): number {
    return this.market.view(this.market.index).lastTick()?.tsEvent ?? 0;
  }
}
