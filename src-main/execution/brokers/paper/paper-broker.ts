import type { Unsubscribe } from '#core/bus';
import type { Clock } from '#core/clock';
import { createRandom, type Random } from '#core/random';
import { err, ok, type Result } from '#core/result';
import { brokerOrderId, clientOrderId, tradeId, type BrokerOrderId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import type { Product } from '#model/order';
import type { Position } from '#model/position';
import { tableSpecs, type SpecSource } from '#options/contract-specs';
import {
  brokerError,
  type Broker,
  type BrokerOrderRow,
  type BrokerPosition,
  type BrokerResult,
  type BrokerTrade,
  type BrokerUpdate,
  type ModifyOrderRequest,
  type PlaceOrderRequest,
} from '#execution/broker';
import { chargesForFill } from '#execution/charges';
import { sleep } from '#execution/execution-context';
import { freezeQuantity } from '#execution/freeze-slicing';
import type { InstrumentLookup } from '#execution/instruments';
import type { Quote, QuoteSource } from '#execution/quotes';
import { fillAgainstQuote, slipped, stopTriggered } from './fill-model.ts';
import { PaperAccount } from './paper-account.ts';
import { termsRefusal } from './paper-checks.ts';
import { DEFAULT_PAPER_CONFIG, type PaperBrokerConfig } from './paper-config.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type PaperOrder = Mutable<BrokerOrderRow> & { triggered: boolean; fills: number };

export interface PaperBrokerDeps {
  readonly clock: Clock;
  readonly quotes: QuoteSource;
  readonly instruments: InstrumentLookup;
  readonly specs?: SpecSource;
  readonly config?: Partial<PaperBrokerConfig>;
}

const WORKING = new Set(['open', 'trigger-pending']);

/**
 * The paper broker's book as a previous run left it, rebuilt from the store (execution/reconcile
 * `paperSnapshotFromStore`): the day's order rows (working ones keep working), the day's trades, and
 * the net positions per instrument and product with their realised P&L and charges.
 */
export interface PaperBookSnapshot {
  readonly orders: readonly BrokerOrderRow[];
  readonly trades: readonly BrokerTrade[];
  readonly positions: readonly { readonly product: Product; readonly position: Position }[];
  /** Every broker order id and trade id the store holds, of any day: new ids are numbered after them, never reused. */
  readonly usedIds?: { readonly orders: readonly string[]; readonly trades: readonly string[] };
}

/** The number in a paper id (`paper-12`, `paper-t7`, with or without a suffix added around the broker). */
const numberIn = (pattern: RegExp, id: string): number => Number(pattern.exec(id)?.[1] ?? 0);

/**
 * A broker in memory with a fill model: market orders take the ask (buy) or bid (sell) level by level
 * up to the displayed size, plus slippage; limits fill when the quote crosses them; stops wait for the
 * last price; the rest keeps working and fills on later quotes. Refusals as the exchange and a broker's
 * RMS give them (lots, freeze quantity, price band, margin). Every fill carries the options module's
 * Indian charges. Deterministic: the same seed, clock and quotes give the same ids, prices and times.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper';
  private readonly clock: Clock;
  private readonly quotes: QuoteSource;
  private readonly instruments: InstrumentLookup;
  private readonly specs: SpecSource;
  private readonly config: PaperBrokerConfig;
  private readonly random: Random;
  private readonly account: PaperAccount;
  private readonly orders: PaperOrder[] = [];
  private readonly byId = new Map<BrokerOrderId, PaperOrder>();
  /**
   * The working orders, in the order they were placed: what a quote can fill and what blocks margin. The
   * book keeps every order of the run, and a backtest's run holds thousands by its end, while a quote
   * comes every second for each leg.
   */
  private readonly working = new Set<PaperOrder>();
  private readonly trades: BrokerTrade[] = [];
  private readonly handlers = new Set<(u: BrokerUpdate) => void>();
  /** Units each book level of a quote already gave to earlier orders: depth is not handed out twice. */
  private readonly taken = new WeakMap<Quote, { BUY: number[]; SELL: number[] }>();
  private readonly stopQuotes: Unsubscribe;
  private seq = 0;
  private tradeSeq = 0;
  /** Moves with every change to the books: each goes out through `emit`, or comes in through `restore`. */
  private version = 0;

  constructor(deps: PaperBrokerDeps) {
    this.clock = deps.clock;
    this.quotes = deps.quotes;
    this.instruments = deps.instruments;
    this.specs = deps.specs ?? tableSpecs;
    this.config = { ...DEFAULT_PAPER_CONFIG, ...deps.config };
    this.random = createRandom(this.config.seed);
    this.account = new PaperAccount(this.config);
    this.stopQuotes = this.quotes.onQuote((q) => {
      for (const o of this.working) if (o.instrumentId === q.instrumentId) this.match(o, q);
    });
  }

  /**
   * Re-seeds an empty book after a restart (its book lives in memory; the store outlives it), so the
   * books reconciliation reads equal the store's and working orders go on filling. Nothing is pushed:
   * these are facts the store already holds. New ids continue after the restored ones.
   */
  restore(snapshot: PaperBookSnapshot): Result<void, string> {
    this.version++;
    if (this.orders.length > 0 || this.trades.length > 0 || this.account.all().length > 0) return err('the paper broker can only be restored while its book is empty');
    const tradesOf = new Map<string, number>();
    for (const t of snapshot.trades) tradesOf.set(t.brokerOrderId, (tradesOf.get(t.brokerOrderId) ?? 0) + 1);
    for (const r of snapshot.orders) {
      const stop = r.type === 'SL' || r.type === 'SL-M';
      this.add({ ...r, triggered: stop && r.status !== 'trigger-pending', fills: tradesOf.get(r.brokerOrderId) ?? 0 });
      this.seq = Math.max(this.seq, numberIn(/^paper-(\d+)/, r.brokerOrderId));
    }
    for (const t of snapshot.trades) {
      this.trades.push({ ...t });
      this.tradeSeq = Math.max(this.tradeSeq, numberIn(/^paper-t(\d+)/, t.tradeId));
    }
    for (const id of snapshot.usedIds?.orders ?? []) this.seq = Math.max(this.seq, numberIn(/^paper-(\d+)/, id));
    for (const id of snapshot.usedIds?.trades ?? []) this.tradeSeq = Math.max(this.tradeSeq, numberIn(/^paper-t(\d+)/, id));
    this.account.restore(snapshot.positions);
    return ok(undefined);
  }

  /** Stops matching working orders on new quotes. */
  close(): void {
    this.stopQuotes();
  }

  async place(req: PlaceOrderRequest): BrokerResult<{ brokerOrderId: BrokerOrderId }> {
    await this.latency();
    const instrument = this.instruments.tradable(req.instrumentId);
    const quote = this.quotes.quote(req.instrumentId);
    if (!instrument || (instrument.exchange !== 'NFO' && instrument.exchange !== 'BFO') || instrument.kind === 'equity') {
      return err(brokerError('rejected', `the paper broker trades NFO/BFO options and futures only, not ${req.instrumentId}`));
    }
    if (!quote) return err(brokerError('rejected', `no quote for ${req.instrumentId}`));
    const refusal = this.staleQuote(req.instrumentId, quote) ?? termsRefusal(instrument, req, quote, freezeQuantity(instrument, this.clock.now(), this.specs), this.config.priceBandPct);
    if (refusal) return err(brokerError('rejected', refusal));
    const required = this.openingMargin(instrument, req, quote, req.quantity);
    const available = this.account.available((id) => this.instruments.tradable(id), this.blockedByOrders());
    if (required > available) return err(brokerError('rejected', `insufficient margin: required ${required.toFixed(2)}, available ${available.toFixed(2)}`));
    const stop = req.type === 'SL' || req.type === 'SL-M';
    const order: PaperOrder = {
      brokerOrderId: brokerOrderId(`paper-${++this.seq}`),
      strategy: req.strategy,
      instrumentId: req.instrumentId,
      side: req.side,
      quantity: req.quantity,
      type: req.type,
      product: req.product,
      price: req.type === 'LIMIT' || req.type === 'SL' ? (req.limitPrice ?? 0) : 0,
      triggerPrice: stop ? (req.triggerPrice ?? 0) : 0,
      status: stop ? 'trigger-pending' : 'open',
      filledQuantity: 0,
      avgPrice: 0,
      placedAt: this.clock.now(),
      triggered: false,
      fills: 0,
    };
    this.add(order);
    this.emit({ kind: 'order', row: rowOf(order) });
    this.match(order, quote);
    return ok({ brokerOrderId: order.brokerOrderId });
  }

  async modify(req: ModifyOrderRequest): BrokerResult<void> {
    await this.latency();
    const o = this.byId.get(req.brokerOrderId);
    if (!o) return err(brokerError('not-found', `order ${req.brokerOrderId} not found`));
    if (!WORKING.has(o.status)) return err(brokerError('rejected', `order ${req.brokerOrderId} is ${o.status} and cannot be modified`));
    const instrument = this.instruments.tradable(o.instrumentId)!;
    const quote = this.quotes.quote(o.instrumentId)!;
    if (req.quantity < o.filledQuantity) return err(brokerError('rejected', `quantity ${req.quantity} is below the filled ${o.filledQuantity}`));
    const refusal = this.staleQuote(o.instrumentId, quote) ?? termsRefusal(instrument, req, quote, freezeQuantity(instrument, this.clock.now(), this.specs), this.config.priceBandPct);
    if (refusal) return err(brokerError('rejected', refusal));
    o.quantity = req.quantity;
    o.type = req.type;
    o.price = req.type === 'LIMIT' || req.type === 'SL' ? (req.limitPrice ?? 0) : 0;
    o.triggerPrice = req.type === 'SL' || req.type === 'SL-M' ? (req.triggerPrice ?? 0) : 0;
    this.emit({ kind: 'order', row: rowOf(o) });
    this.match(o, quote);
    return ok(undefined);
  }

  async cancel(id: BrokerOrderId, _strategy: string): BrokerResult<void> {
    await this.latency();
    const o = this.byId.get(id);
    if (!o) return err(brokerError('not-found', `order ${id} not found`));
    if (!WORKING.has(o.status)) return err(brokerError('rejected', `order ${id} is ${o.status} and cannot be cancelled`));
    o.status = 'cancelled';
    this.working.delete(o);
    this.emit({ kind: 'order', row: rowOf(o) });
    return ok(undefined);
  }

  async orderStatus(id: BrokerOrderId, _strategy: string): BrokerResult<BrokerOrderRow> {
    await this.latency();
    const o = this.byId.get(id);
    return o ? ok(rowOf(o)) : err(brokerError('not-found', `order ${id} not found`));
  }

  async orderBook(): BrokerResult<readonly BrokerOrderRow[]> {
    await this.latency();
    return ok(this.orders.map(rowOf));
  }

  async tradeBook(): BrokerResult<readonly BrokerTrade[]> {
    await this.latency();
    return ok(this.trades.map((t) => ({ ...t })));
  }

  async positionBook(): BrokerResult<readonly BrokerPosition[]> {
    await this.latency();
    return ok(this.account.all().map(({ product, position: p }) => ({ instrumentId: p.instrumentId, product, quantity: p.netQuantity, avgPrice: p.avgPrice })));
  }

  booksVersion(): number {
    return this.version;
  }

  onUpdate(handler: (update: BrokerUpdate) => void): Unsubscribe {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  private match(o: PaperOrder, quote: Quote): void {
    if (!WORKING.has(o.status)) return;
    if ((o.type === 'SL' || o.type === 'SL-M') && !o.triggered) {
      if (!stopTriggered({ side: o.side, triggerPrice: o.triggerPrice }, quote)) return;
      o.triggered = true;
      o.status = 'open';
      this.emit({ kind: 'order', row: rowOf(o) });
    }
    const instrument = this.instruments.tradable(o.instrumentId)!;
    const taken = this.takenOn(quote)[o.side];
    const { ticks, bps } = this.config.slippage.kind === 'ticks' ? { ticks: this.config.slippage.ticks, bps: 0 } : { ticks: 0, bps: this.config.slippage.bps };
    const slip = (price: number): number => slipped(price, o.side, ticks + this.extraTicks(), bps, instrument.tickSize);
    const terms = { side: o.side, type: o.type, ...(o.price > 0 ? { limitPrice: o.price } : {}), remaining: o.quantity - o.filledQuantity, lotSize: instrument.lotSize, tickSize: instrument.tickSize, triggered: o.triggered };
    const slices = fillAgainstQuote(terms, quote, taken, slip);
    for (const s of slices) {
      taken[s.level] = (taken[s.level] ?? 0) + s.quantity;
      this.fill(o, instrument, s.price, s.quantity);
    }
    if (slices.length === 0) return;
    if (o.filledQuantity === o.quantity) {
      o.status = 'complete';
      this.working.delete(o);
    }
    this.emit({ kind: 'order', row: rowOf(o) });
  }

  private fill(o: PaperOrder, instrument: Tradable, price: number, quantity: number): void {
    const ts = this.clock.now();
    const charges = chargesForFill(instrument, { side: o.side, price, quantity, tsEvent: ts, firstFillOfOrder: o.fills === 0 }, this.config.brokerage) ?? 0;
    const trade: BrokerTrade = { tradeId: tradeId(`paper-t${++this.tradeSeq}`), brokerOrderId: o.brokerOrderId, instrumentId: o.instrumentId, side: o.side, product: o.product, quantity, price, charges, ts };
    o.avgPrice = (o.avgPrice * o.filledQuantity + price * quantity) / (o.filledQuantity + quantity);
    o.filledQuantity += quantity;
    o.fills++;
    this.trades.push(trade);
    // The account keys nothing by order: the broker's own id stands in for the client's.
    this.account.apply({ ...trade, charges, clientOrderId: clientOrderId(o.brokerOrderId), tsEvent: ts }, o.product);
    this.emit({ kind: 'trade', trade });
  }

  /** Why the quote is too old to trade on, if it is (`maxQuoteAgeMs`). */
  private staleQuote(id: string, quote: Quote): string | undefined {
    const limit = this.config.maxQuoteAgeMs;
    const age = this.clock.now() - quote.tsEvent;
    if (limit === undefined || age <= limit) return undefined;
    return `the last quote for ${id} is ${Math.round(age / 1000)} s old (over ${Math.round(limit / 1000)} s): no paper fill on an old price`;
  }

  private openingMargin(instrument: Tradable, t: Pick<PlaceOrderRequest, 'side' | 'product' | 'type' | 'limitPrice'>, quote: Quote, quantity: number): number {
    const units = this.account.openingUnits(instrument.id, t.product, t.side, quantity);
    const price = t.type === 'LIMIT' || t.type === 'SL' ? (t.limitPrice ?? quote.ltp) : ((t.side === 'BUY' ? quote.ask : quote.bid) ?? quote.ltp);
    return this.account.marginFor(instrument, t.side, units, price);
  }

  private blockedByOrders(): number {
    let sum = 0;
    for (const o of this.working) {
      const instrument = this.instruments.tradable(o.instrumentId);
      const quote = this.quotes.quote(o.instrumentId);
      if (!instrument || !quote) continue;
      sum += this.openingMargin(instrument, { ...o, ...(o.price > 0 ? { limitPrice: o.price } : {}) }, quote, o.quantity - o.filledQuantity);
    }
    return sum;
  }

  private add(o: PaperOrder): void {
    this.orders.push(o);
    if (!this.byId.has(o.brokerOrderId)) this.byId.set(o.brokerOrderId, o);
    if (WORKING.has(o.status)) this.working.add(o);
  }

  private takenOn(q: Quote): { BUY: number[]; SELL: number[] } {
    let t = this.taken.get(q);
    if (!t) {
      t = { BUY: [], SELL: [] };
      this.taken.set(q, t);
    }
    return t;
  }

  private extraTicks(): number {
    return this.config.randomSlippageTicks > 0 ? this.random.int(0, this.config.randomSlippageTicks) : 0;
  }

  private async latency(): Promise<void> {
    const { min, max } = this.config.latencyMs;
    if (max <= 0) return;
    await sleep(this.clock, Math.round(min + this.random.next() * (max - min)));
  }

  private emit(u: BrokerUpdate): void {
    this.version++;
    for (const h of [...this.handlers]) h(u);
  }
}

function rowOf(o: PaperOrder): BrokerOrderRow {
  const { triggered: _t, fills: _f, ...row } = o;
  return { ...row };
}
