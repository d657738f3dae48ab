import { istDateFromKey, istDateKey } from '#core/time-ist';
import type { Tick } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { OptionInstrument } from '#model/instrument';
import { UNDERLYINGS, VIX_ID, indexInstrument, type UnderlyingSpec } from '#market/feeds/simulator/instruments';
import type { ChainRow, DeferredChain, OptionChain, OptionQuote } from '#options/chain';
import { isUnderlying, type ContractSpec, type SpecSource, type Underlying } from '#options/contract-specs';
import { expiriesBetween, yearsToExpiry, type Expiry } from '#options/expiry';
import { optionSymbol } from '#options/option-symbol';
import type { ChainVols } from '#options/imported-smile';
import { simChainPricer, simulateChain, type SimChainInput, type SimChainPricer } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import type { QuoteBook } from '#execution/quotes';
import type { InstrumentRegistry } from './instrument-registry.ts';

/** One chain about to be priced: its underlying and expiry, the instant, the index and its forward, years left and India VIX. */
export interface ChainVolQuery {
  readonly underlying: Underlying;
  /** Expiry date, YYYY-MM-DD. */
  readonly expiry: string;
  readonly expiryTs: number;
  readonly ts: number;
  readonly spot: number;
  /** spot·e^{rT}: the chain's forward unless the vols carry the market's basis. */
  readonly forward: number;
  readonly T: number;
  readonly vix: number;
}

/** Vols for a chain in place of the model surface (a smile imported from a bhavcopy); undefined: the surface prices it. */
export type ChainVolSource = (q: ChainVolQuery) => ChainVols | undefined;

export interface SimOptionQuotesOptions {
  readonly quotes: QuoteBook;
  readonly registry: InstrumentRegistry;
  readonly specs: SpecSource;
  /** Continuously compounded rate of the model (the risk config's). */
  readonly r: number;
  /** Option instruments that must stay quoted however far spot moves from them (held, or in working orders). */
  readonly watched: () => Iterable<InstrumentId>;
  readonly strikesEachSide?: number;
  /** Expiries quoted per underlying, nearest first. */
  readonly expiries?: number;
  /** A chain is repriced at most this often per underlying, engine-clock ms. */
  readonly repriceEveryMs?: number;
  /**
   * Reprice the nearest `expiries` on every tick (default). False: only the watched legs (each alone) and
   * chains asked for through `quoteChain`: a backtest whose bots read no chain and no IV history.
   * `'for-iv-recorder'`: as false, and the nearest expiries when `quoteNearestNow` asks (the IV recorder at
   * each close), as of the last reprice: a backtest whose bots read chains (each read prices its chain at
   * the last reprice instant, as `quoteChain` says) or IV history. Unless true, a chain asked for is
   * deferred (`onDeferredChain`): each leg priced when first read.
   */
  readonly quoteNearest?: boolean | 'for-iv-recorder';
  /** Asked before each chain is priced (default: the model surface prices every chain). */
  readonly chainVols?: ChainVolSource;
}

interface UnderlyingState {
  readonly name: Underlying;
  readonly spec: UnderlyingSpec;
  /** The last reprice instant (every second) and the spot and India VIX it priced at. */
  lastPriced: number;
  pricedSpot?: number;
  pricedVix?: number;
}

const NONE: ReadonlySet<string> = new Set();
const RIGHTS = ['CE', 'PE'] as const;
const DAY_MS = 86_400_000;
/** Strikes beyond this many steps from the money are not quoted, even when watched: a far wing marks at its last quote. */
const MAX_WINDOW = 80;

/**
 * Option quotes in simulation: the simulator feed moves index spots and India VIX; each underlying's
 * chains are priced from them by the options module's model (`simulateChain`: Black-76 on an IV surface
 * anchored on VIX, spreads widening away from the money) and written to the quote book, which the paper
 * broker fills against and risk marks from. The option instruments are registered as they are quoted.
 */
export class SimOptionQuotes {
  private readonly options: SimOptionQuotesOptions;
  private readonly byIndex = new Map<InstrumentId, UnderlyingState>();
  private readonly byName = new Map<Underlying, UnderlyingState>();
  private readonly ivs = new Map<InstrumentId, number>();
  private readonly expiryCache = new Map<string, Expiry[]>();
  private readonly chainListeners = new Set<(chain: OptionChain) => void>();
  private readonly deferredListeners = new Set<(chain: DeferredChain) => void>();
  /** Option instruments already built and registered, by underlying, expiry and right, then strike: a chain re-quotes the same legs every second. */
  private readonly legsByStrike = new Map<string, { readonly expiry: number; readonly byStrike: Map<number, OptionInstrument> }>();
  /** The IST day deferred quotes of expired legs were last made (`sweepExpired`). */
  private sweptDay = '';
  /** The instant and window each chain was last priced at, per underlying and expiry. */
  private readonly priced = new Map<string, { ts: number; window: number }>();
  private vix: number | undefined;

  constructor(options: SimOptionQuotesOptions) {
    this.options = options;
    for (const spec of UNDERLYINGS) {
      if (!isUnderlying(spec.name)) continue;
      const state: UnderlyingState = { name: spec.name, spec, lastPriced: Number.NEGATIVE_INFINITY };
      this.byIndex.set(indexInstrument(spec).id, state);
      this.byName.set(spec.name, state);
    }
  }

  /** The model's IV (decimal) of a quoted option: risk values with it instead of solving from the mark. */
  impliedVol(id: InstrumentId): number | undefined {
    // Reading the quote makes a deferred one, and its IV with it.
    this.options.quotes.quote(id);
    return this.ivs.get(id);
  }

  /** Every chain as it is priced (the chain screens show the very quotes the paper broker fills against). */
  onChain(listener: (chain: OptionChain) => void): () => void {
    this.chainListeners.add(listener);
    return () => {
      this.chainListeners.delete(listener);
    };
  }

  /**
   * Every chain priced for a reader while no chain is priced every second (a backtest): its legs are priced
   * when first read, here or in the quote book, each as the whole chain would have priced it.
   */
  onDeferredChain(listener: (chain: DeferredChain) => void): () => void {
    this.deferredListeners.add(listener);
    return () => {
      this.deferredListeners.delete(listener);
    };
  }

  onTick(tick: Tick): void {
    if (tick.instrumentId === VIX_ID) {
      this.vix = tick.ltp;
      return;
    }
    const u = this.byIndex.get(tick.instrumentId);
    if (!u) return;
    if (this.vix === undefined || tick.tsEvent - u.lastPriced < (this.options.repriceEveryMs ?? 1000)) return;
    u.lastPriced = tick.tsEvent;
    u.pricedSpot = tick.ltp;
    u.pricedVix = this.vix;
    const everySecond = (this.options.quoteNearest ?? true) === true;
    const nearest = everySecond ? (this.options.expiries ?? 2) : 0;
    const held = this.watchedExpiries(u.name);
    if (nearest === 0 && held.size === 0) return;
    // With no screen showing chains every second (a backtest), an expiry with held or worked legs prices
    // those legs alone: the rest of its window is priced when a bot reads the chain, at that reader's
    // instant, from the same inputs.
    this.expiriesAfter(u.name, tick.tsEvent, Number.POSITIVE_INFINITY).forEach((e, i) => {
      if (i < nearest || held.has(e.date)) this.price(u, e, tick.tsEvent, 0, false, !everySecond);
    });
  }

  /**
   * Prices one chain with at least `strikesEachSide` strikes each side of the money, for a reader at its
   * own cadence (a bot's evaluation): an expiry beyond those quoted every second, or a wider window. It is
   * priced as of the underlying's last reprice (its instant, spot and VIX), and only legs that reprice did
   * not quote are written to the quote book: a reader never moves a quote the market already shows (a VIX
   * tick later in the same instant would), so what one bot reads cannot change another's fills. Once per
   * reprice and window. False before the first reprice, or when there is no such expiry ahead.
   */
  quoteChain(underlying: Underlying, expiry: string, strikesEachSide: number, ts: number): boolean {
    const u = this.byName.get(underlying);
    if (u?.pricedSpot === undefined || u.pricedVix === undefined || u.lastPriced > ts) return false;
    const at = u.lastPriced;
    const e = this.expiriesFrom(underlying, at).find((x) => x.date === expiry && x.instant > at);
    if (!e) return false;
    const last = this.priced.get(`${underlying}|${expiry}`);
    if (last && last.ts === at && last.window >= strikesEachSide) return true;
    // With chains priced every second a screen shows them; otherwise a reader reads a few legs of its window.
    if ((this.options.quoteNearest ?? true) === true) this.price(u, e, at, strikesEachSide, true);
    else this.priceDeferred(u, e, at, strikesEachSide);
    return true;
  }

  /** `quoteChain` for a screen that names the underlying as text (the chain panel's request); an unknown name prices nothing. */
  readonly widenView = (underlying: string, expiry: string, strikesEachSide: number, ts: number): void => {
    if (isUnderlying(underlying)) this.quoteChain(underlying, expiry, strikesEachSide, ts);
  };

  /**
   * With `quoteNearest: 'for-iv-recorder'`, prices the nearest `expiries` chains of `underlying` as of its last
   * reprice, as every tick would have left them: the IV recorder's reading at a close. Otherwise nothing (they
   * are priced every second, or nobody reads them).
   */
  readonly quoteNearestNow = (underlying: Underlying, ts: number): void => {
    if (this.options.quoteNearest !== 'for-iv-recorder') return;
    const u = this.byName.get(underlying);
    if (u?.pricedSpot === undefined || u.lastPriced > ts) return;
    for (const e of this.expiriesAfter(underlying, u.lastPriced)) this.quoteChain(underlying, e.date, 0, ts);
  };

  /** Expiries of this underlying with an option held or worked: they are quoted every second too. */
  private watchedExpiries(underlying: string): ReadonlySet<string> {
    let out: Set<string> | undefined;
    for (const id of this.options.watched()) {
      const i = this.options.registry.tradable(id);
      if (i?.kind === 'option' && i.underlying === underlying) (out ??= new Set()).add(istDateKey(i.expiry));
    }
    // Asked on every reprice of every underlying: most hold nothing, and a set for nothing is garbage each second.
    return out ?? NONE;
  }

  private expiriesAfter(underlying: Underlying, ts: number, count = this.options.expiries ?? 2): Expiry[] {
    return this.expiriesFrom(underlying, ts)
      .filter((e) => e.instant > ts)
      .slice(0, count);
  }

  /** The expiries of the 70 days from `ts`'s day, expired or not, in date order. */
  private expiriesFrom(underlying: Underlying, ts: number): readonly Expiry[] {
    const today = istDateKey(ts);
    const key = `${underlying}|${today}`;
    let list = this.expiryCache.get(key);
    if (!list) {
      list = expiriesBetween(underlying, today, istDateKey(istDateFromKey(today) + 70 * DAY_MS));
      this.expiryCache.set(key, list);
    }
    return list;
  }

  /**
   * Prices a chain at the underlying's last reprice inputs; `keepQuoted`: legs quoted at `ts` already keep
   * their quote. `watchedOnly`: only the watched legs inside the window, each quoted as the whole chain would
   * quote it, and no chain published (its readers ask through `quoteChain`).
   */
  private price(u: UnderlyingState, expiry: Expiry, ts: number, askedStrikes: number, keepQuoted = false, watchedOnly = false): void {
    const { input, spec, atm, window } = this.chainInput(u, expiry, ts, askedStrikes);
    const name = u.name;
    const watched = watchedOnly ? this.watchedSteps(name, expiry.date, atm, spec.strikeStep, window) : undefined;
    if (!watched) this.priced.set(`${name}|${expiry.date}`, { ts, window });
    const chain = simulateChain(watched ? { ...input, steps: [...watched.keys()] } : input);
    const ces = this.legsOf(name, expiry, 'CE');
    const pes = this.legsOf(name, expiry, 'PE');
    const put = (strike: number, right: 'CE' | 'PE', q: OptionQuote | undefined): void => {
      if (!q) return;
      const id = this.leg(right === 'CE' ? ces : pes, name, expiry, spec, chain.tickSize, strike, right).id;
      this.quote(id, q, ts, keepQuoted);
    };
    if (watched) {
      for (const row of chain.rows) {
        const rights = watched.get(Math.round((row.strike - atm) / spec.strikeStep))!;
        if (rights.has('CE')) put(row.strike, 'CE', row.ce);
        if (rights.has('PE')) put(row.strike, 'PE', row.pe);
      }
      return;
    }
    for (const row of chain.rows) {
      put(row.strike, 'CE', row.ce);
      put(row.strike, 'PE', row.pe);
    }
    for (const l of [...this.chainListeners]) l(chain);
  }

  /**
   * `price` for a reader while nothing prices chains every second: the same window and model, but each leg
   * is priced when first read (by a bot through the chain book, by the paper broker or risk through the
   * quote book), as `price` would have priced and quoted it. The model draws no random numbers, so the order
   * legs are priced in changes nothing.
   */
  private priceDeferred(u: UnderlyingState, expiry: Expiry, ts: number, askedStrikes: number): void {
    this.sweepExpired(ts);
    const { input, spec, window } = this.chainInput(u, expiry, ts, askedStrikes);
    const name = u.name;
    this.priced.set(`${name}|${expiry.date}`, { ts, window });
    const pricer = simChainPricer(input);
    const rows = new Map<number, ChainRow>();
    const rowAt = (strike: number): ChainRow => {
      let row = rows.get(strike);
      if (!row) {
        row = pricer.row(Math.round((strike - pricer.atm) / spec.strikeStep))!;
        rows.set(strike, row);
      }
      return row;
    };
    const legQuote = (strike: number, right: 'CE' | 'PE'): OptionQuote => (right === 'CE' ? rowAt(strike).ce! : rowAt(strike).pe!);
    const strikes: number[] = [];
    const legs = RIGHTS.map((right) => [right, this.legsOf(name, expiry, right)] as const);
    for (let n = -window; n <= window; n++) {
      const strike = pricer.atm + n * spec.strikeStep;
      if (strike <= 0) continue;
      strikes.push(strike);
      for (const [right, byStrike] of legs) {
        const id = this.leg(byStrike, name, expiry, spec, pricer.tick, strike, right).id;
        this.options.quotes.defer(id, this.deferredQuote(id, pricer, n, right, ts));
      }
    }
    const chain: DeferredChain = {
      underlying: name,
      exchange: spec.exchange,
      expiry: expiry.date,
      expiryTs: expiry.instant,
      ts,
      spot: input.spot,
      forward: pricer.F,
      atmStrike: pricer.atm,
      lotSize: spec.lotSize,
      tickSize: pricer.tick,
      strikes,
      leg: legQuote,
      // Every chain of this expiry priced at this reprice instant quotes a leg alike.
      key: ts,
    };
    for (const l of [...this.deferredListeners]) l(chain);
  }

  /**
   * A leg's quote for the quote book, priced when first read: from the chain's model alone, not through the
   * chain's priced rows, which a leg left outside newer windows would otherwise keep for the whole run.
   */
  private deferredQuote(id: InstrumentId, pricer: SimChainPricer, n: number, right: 'CE' | 'PE', ts: number): () => void {
    return () => {
      const row = pricer.row(n)!;
      this.quote(id, right === 'CE' ? row.ce! : row.pe!, ts, true);
    };
  }

  /** The model's input for a chain at the underlying's last reprice, its contract spec, ATM strike and window. */
  private chainInput(u: UnderlyingState, expiry: Expiry, ts: number, askedStrikes: number): { input: SimChainInput; spec: ContractSpec; atm: number; window: number } {
    const { specs, r } = this.options;
    const name = u.name;
    const spot = u.pricedSpot!;
    const spec = specs.specOn(name, istDateKey(ts), expiry.date);
    const T = yearsToExpiry(ts, expiry.instant, 'calendar');
    const vols = this.options.chainVols?.({ underlying: name, expiry: expiry.date, expiryTs: expiry.instant, ts, spot, forward: spot * Math.exp(r * T), T, vix: u.pricedVix! });
    // With the market's basis the forward is spot × basis (a dividend yield, a funding rate other than r), so a
    // leg priced from its own live close reproduces it; without one, spot·e^{rT}.
    const q = vols?.basis !== undefined ? r - Math.log(vols.basis) / T : 0;
    const atm = Math.round((spot * Math.exp((r - q) * T)) / spec.strikeStep) * spec.strikeStep;
    const window = Math.min(MAX_WINDOW, Math.max(this.options.strikesEachSide ?? 10, askedStrikes, this.watchedReach(name, expiry.date, atm, spec.strikeStep)));
    const input: SimChainInput = {
      underlying: name,
      exchange: spec.exchange,
      expiry: expiry.date,
      expiryTs: expiry.instant,
      now: ts,
      spot,
      r,
      q,
      T,
      strikeStep: spec.strikeStep,
      strikesEachSide: window,
      lotSize: spec.lotSize,
      surface: { ...DEFAULT_SURFACE, vix: u.pricedVix! * u.spec.volMultiplier },
      ...(vols ? { vols } : {}),
    };
    return { input, spec, atm, window };
  }

  /** The instruments of one underlying, expiry and right quoted so far, by strike. */
  private legsOf(name: Underlying, expiry: Expiry, right: 'CE' | 'PE'): Map<number, OptionInstrument> {
    const key = `${name}|${expiry.date}|${right}`;
    let legs = this.legsByStrike.get(key);
    if (!legs) {
      legs = { expiry: expiry.instant, byStrike: new Map() };
      this.legsByStrike.set(key, legs);
    }
    return legs.byStrike;
  }

  /**
   * Makes the deferred quotes of expired legs, once a day: each holds its chain's model until it is read,
   * and an expired leg is not asked for again, so over a long backtest they would pile up.
   */
  private sweepExpired(ts: number): void {
    const day = istDateKey(ts);
    if (day === this.sweptDay) return;
    this.sweptDay = day;
    for (const [key, legs] of this.legsByStrike) {
      if (legs.expiry >= ts) continue;
      for (const instrument of legs.byStrike.values()) this.options.quotes.quote(instrument.id);
      this.legsByStrike.delete(key);
    }
  }

  /** The option instrument of a leg (`byStrike`: `legsOf` its underlying, expiry and right), built and registered the first time the leg is quoted. */
  private leg(byStrike: Map<number, OptionInstrument>, name: Underlying, expiry: Expiry, spec: ContractSpec, tickSize: number, strike: number, right: 'CE' | 'PE'): OptionInstrument {
    let instrument = byStrike.get(strike);
    if (!instrument) {
      const symbol = optionSymbol(name, expiry.date, strike, right);
      instrument = { kind: 'option', id: instrumentId(spec.exchange, symbol), symbol, exchange: spec.exchange, tickSize, underlying: name, expiry: expiry.instant, strike, right, lotSize: spec.lotSize };
      byStrike.set(strike, instrument);
      this.options.registry.register(instrument);
    }
    return instrument;
  }

  /** Writes a leg's quote as of `ts`; `keepQuoted`: a leg already quoted at `ts` keeps its quote. */
  private quote(id: InstrumentId, q: OptionQuote, ts: number, keepQuoted: boolean): void {
    const { quotes } = this.options;
    if (keepQuoted && quotes.quote(id)?.tsEvent === ts) return;
    if (q.iv !== undefined) this.ivs.set(id, q.iv);
    quotes.set({ instrumentId: id, ltp: q.ltp, bid: q.bid, ask: q.ask, bidQty: q.bidQty, askQty: q.askQty, tsEvent: ts });
  }

  /** The watched legs of this chain inside its window: rights by steps from the money, on the strike grid. */
  private watchedSteps(underlying: string, expiryKey: string, atm: number, step: number, window: number): Map<number, Set<'CE' | 'PE'>> {
    const out = new Map<number, Set<'CE' | 'PE'>>();
    for (const id of this.options.watched()) {
      const i = this.options.registry.tradable(id);
      if (i?.kind !== 'option' || i.underlying !== underlying || istDateKey(i.expiry) !== expiryKey) continue;
      const n = (i.strike - atm) / step;
      if (!Number.isInteger(n) || Math.abs(n) > window) continue;
      const rights = out.get(n) ?? new Set();
      rights.add(i.right);
      out.set(n, rights);
    }
    return out;
  }

  /** Steps from the money to the farthest watched strike of this chain. */
  private watchedReach(underlying: string, expiryKey: string, atm: number, step: number): number {
    let reach = 0;
    for (const id of this.options.watched()) {
      const i = this.options.registry.tradable(id);
      if (i?.kind !== 'option' || i.underlying !== underlying || istDateKey(i.expiry) !== expiryKey) continue;
      reach = Math.max(reach, Math.ceil(Math.abs(i.strike - atm) / step));
    }
    return reach;
  }
}
