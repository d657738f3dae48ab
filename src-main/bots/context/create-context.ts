import type { NseCalendar } from '#calendar/nse-calendar';
import type { MarketView } from '#market/multi-timeframe';
import type { Timeframe } from '#model/bar';
import type { BotId, InstrumentId } from '#model/ids';
import type { Order } from '#model/order';
import type { Position } from '#model/position';
import type { OptionChain } from '#options/chain';
import type { SpecSource, Underlying } from '#options/contract-specs';
import type { BotKind } from '../catalog.ts';
import type { BotCalendar, BotContext, BotStructureView, CapitalView, IdSource, StudiesReader } from '../contract/context.ts';
import type { BotModels } from '../contract/models.ts';
import { noMlModel } from '../signals/ml-source.ts';
import { ruleRegime } from '../signals/regime.ts';
import { seriesKey, warmUpOf, type BotRequirements } from '../contract/requirements.ts';
import { createBotCalendar } from './bot-calendar.ts';
import { deepFreeze } from './deep-freeze.ts';

/** Where a context's data comes from: engine services in production, a scripted market in tests. */
export interface ContextSources {
  market(instrumentId: InstrumentId): MarketView;
  readonly studies: StudiesReader;
  chain(underlying: Underlying, expiry: string, now: number): OptionChain | undefined;
  ivHistory(underlying: Underlying): readonly number[];
  readonly specs: SpecSource;
  readonly calendar: NseCalendar;
}

/** The bot's own book at this instant, from execution (positions are folds of its fills). */
export interface BotBook {
  readonly positions: readonly Position[];
  readonly openOrders: readonly Order[];
  readonly structures: readonly BotStructureView[];
  readonly capital: CapitalView;
}

export interface ContextInput<P, S> {
  readonly botId: BotId;
  readonly kind: BotKind;
  readonly now: number;
  readonly params: P;
  readonly state: S;
  readonly requirements: BotRequirements;
  readonly sources: ContextSources;
  /**
   * The book, or how to read it: called once, when the hook first reads any of it (most hooks never do).
   * Each part is frozen when first read, so a book whose parts are getters works out only the parts read.
   */
  readonly book: BotBook | (() => BotBook);
  readonly ids: IdSource;
  /** Default: no ML model, the rule-based regime classifier. */
  readonly models?: BotModels;
  /**
   * Whether the bot is warm, when the caller already knows (a manager that saw these requirements warm:
   * bars and studies only accumulate, so once warm stays warm); default: checked now.
   */
  readonly warm?: boolean;
  /**
   * The context is for `onTick`: chains are then refused. A chain is priced at a bot's evaluation cadence
   * (closed bars, fills) and shared; pricing one on every tick of an index would cost a core.
   */
  readonly perTick?: boolean;
}

const RULE_MODELS: BotModels = Object.freeze({ ml: noMlModel, regime: ruleRegime() });

/**
 * A market view limited to what the bot declared: more bars than its window, or a series it did not
 * declare, is a bug in the bot and throws (which faults it) rather than quietly reading more history
 * in a backtest than live. Returned bars are frozen.
 */
function declaredView(view: MarketView, windows: ReadonlyMap<string, number>, instrumentId: InstrumentId): MarketView {
  const limit = (tf: Timeframe): number => {
    const n = windows.get(seriesKey(instrumentId, tf));
    if (n === undefined) throw new Error(`${instrumentId} ${tf} bars were not declared in the bot's requirements`);
    return n;
  };
  return Object.freeze({
    instrumentId,
    lastTick: () => deepFreeze(view.lastTick()),
    bars: (tf: Timeframe, count: number) => deepFreeze(view.bars(tf, Math.min(count, limit(tf)))),
    lastBar: (tf: Timeframe) => {
      limit(tf);
      return deepFreeze(view.lastBar(tf));
    },
  });
}

/** Whether every declared series holds its warm-up bars and every declared indicator is ready. */
export function isWarm(req: BotRequirements, market: (id: InstrumentId) => MarketView, studies: StudiesReader): boolean {
  for (const [key, need] of warmUpOf(req)) {
    const [id, tf] = key.split('|') as [InstrumentId, Timeframe];
    if (market(id).bars(tf, need).length < need) return false;
  }
  return req.indicators.every((s) => studies.indicator(s.instrumentId, s.timeframe, s.indicator) !== undefined);
}

/** What a context derives from the bot's requirements, and the declared views over the market's. */
interface Declared {
  readonly windows: ReadonlyMap<string, number>;
  readonly instruments: ReadonlySet<InstrumentId>;
  readonly underlyings: ReadonlySet<Underlying>;
  readonly ivUnderlyings: ReadonlySet<Underlying>;
  /** Per instrument, the last declared view and the market's view it wraps (a pure wrapper of it and the windows). */
  readonly views: Map<InstrumentId, { readonly source: MarketView; readonly view: MarketView }>;
}

/** A runner keeps its requirements object until its parameters change: each hook call reuses what they give. */
const declaredByRequirements = new WeakMap<BotRequirements, Declared>();

function declaredOf(req: BotRequirements): Declared {
  let d = declaredByRequirements.get(req);
  if (!d) {
    const windows = new Map<string, number>();
    for (const x of req.series) windows.set(seriesKey(x.instrumentId, x.timeframe), Math.max(windows.get(seriesKey(x.instrumentId, x.timeframe)) ?? 0, x.bars));
    d = {
      windows,
      instruments: new Set<InstrumentId>([...req.instruments, ...req.series.map((s) => s.instrumentId)]),
      underlyings: new Set<Underlying>(req.chains.map((c) => c.underlying)),
      ivUnderlyings: new Set<Underlying>(req.ivHistory),
      views: new Map(),
    };
    declaredByRequirements.set(req, d);
  }
  return d;
}

/** Builds the frozen context one hook call reads. */
export function createBotContext<P, S>(input: ContextInput<P, S>): BotContext<P, S> {
  const { requirements: req, sources, now } = input;
  const { windows, instruments, underlyings, ivUnderlyings, views } = declaredOf(req);
  const market = (id: InstrumentId): MarketView => {
    if (!instruments.has(id)) throw new Error(`${id} was not declared in the bot's requirements`);
    const source = sources.market(id);
    const last = views.get(id);
    if (last?.source === source) return last.view;
    const view = declaredView(source, windows, id);
    views.set(id, { source, view });
    return view;
  };
  let read: BotBook | undefined;
  const book = (): BotBook => (read ??= typeof input.book === 'function' ? input.book() : input.book);
  let positions: BotBook['positions'] | undefined;
  let openOrders: BotBook['openOrders'] | undefined;
  let structures: BotBook['structures'] | undefined;
  let capital: BotBook['capital'] | undefined;
  let calendar: BotCalendar | undefined;
  return Object.freeze({
    botId: input.botId,
    kind: input.kind,
    now,
    params: deepFreeze(input.params),
    state: deepFreeze(input.state),
    warm: input.warm ?? isWarm(req, sources.market, sources.studies),
    market,
    studies: sources.studies,
    chain: (underlying: Underlying, expiry: string) => {
      if (!underlyings.has(underlying)) throw new Error(`${underlying} chains were not declared in the bot's requirements`);
      if (input.perTick) throw new Error(`option chains are read in onBar and onFill, not in onTick: read the ${underlying} chain on the bar`);
      return sources.chain(underlying, expiry, now);
    },
    ivHistory: (underlying: Underlying) => {
      if (!ivUnderlyings.has(underlying)) throw new Error(`${underlying} IV history was not declared in the bot's requirements`);
      return deepFreeze(sources.ivHistory(underlying));
    },
    specs: sources.specs,
    get positions() {
      return (positions ??= deepFreeze(book().positions));
    },
    get openOrders() {
      return (openOrders ??= deepFreeze(book().openOrders));
    },
    get structures() {
      return (structures ??= deepFreeze(book().structures));
    },
    get capital() {
      return (capital ??= deepFreeze(book().capital));
    },
    // Built on first read: a hook that never asks the date pays nothing for the session and expiry lookups.
    get calendar() {
      return (calendar ??= createBotCalendar(now, sources.calendar));
    },
    models: input.models ?? RULE_MODELS,
    ids: input.ids,
  });
}
