import type { Unsubscribe } from '#core/bus';
import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { parseInstrumentId, type BrokerOrderId, type InstrumentId } from '#model/ids';
import type { OrderType } from '#model/order';
import type { OpenAlgoClient } from '#openalgo/client';
import { parseSymbol } from '#openalgo/symbol-codec';
import { orderExchange } from '#openalgo/wire/common';
import type { z } from 'zod';
import {
  brokerError,
  type Broker,
  type BrokerError,
  type BrokerOrderRow,
  type BrokerPosition,
  type BrokerResult,
  type BrokerTrade,
  type BrokerUpdate,
  type ModifyOrderRequest,
  type PlaceOrderRequest,
} from '#execution/broker';
import { mapOrderRows, mapPositions, mapTrades, orderIdOf, rowsNeedTrades, type WireTrade } from './book-mapping.ts';
import { BookUpdates } from './book-updates.ts';
import { brokerErrorOf } from './error-mapping.ts';
import { ModeGuard, mismatchMessage, type OpenAlgoTradingMode } from './mode-guard.ts';

export interface OpenAlgoBrokerOptions {
  readonly client: OpenAlgoClient;
  readonly clock: Clock;
  readonly mode: OpenAlgoTradingMode;
  /**
   * For `analyzer` only: if OpenAlgo is live, switch it to analyze mode instead of refusing. The switch
   * is global to the OpenAlgo instance. Nothing ever switches OpenAlgo to live: that is the trader's act.
   */
  readonly switchToAnalyzer?: boolean;
  /** Told once about each book row the port cannot express and so leaves out. */
  readonly warn?: (message: string) => void;
}

export type OpenAlgoConnectError = { readonly kind: 'mode-mismatch'; readonly message: string } | BrokerError;

type OrderExchange = z.infer<typeof orderExchange>;

/** Where an order goes on the wire: the instrument id is OpenAlgo's own `EXCHANGE:SYMBOL` pair. */
function wireSymbol(id: InstrumentId): Result<{ exchange: OrderExchange; symbol: string }, BrokerError> {
  let pair: { exchange: string; symbol: string };
  try {
    pair = parseInstrumentId(id);
  } catch (e) {
    return err(brokerError('rejected', e instanceof Error ? e.message : String(e)));
  }
  const exchange = orderExchange.safeParse(pair.exchange);
  const parsed = parseSymbol(pair.symbol, pair.exchange);
  if (!exchange.success || !parsed || parsed.kind === 'index') return err(brokerError('rejected', `${id} is not an instrument OpenAlgo takes orders for`));
  return ok({ exchange: exchange.data, symbol: pair.symbol });
}

/** OpenAlgo's price fields for a price type: a limit price only where one applies, a trigger likewise. */
function prices(type: OrderType, limitPrice: number | undefined, triggerPrice: number | undefined): { price: number; trigger_price: number } {
  return { price: type === 'LIMIT' || type === 'SL' ? (limitPrice ?? 0) : 0, trigger_price: type === 'SL' || type === 'SL-M' ? (triggerPrice ?? 0) : 0 };
}

/**
 * The Broker port over OpenAlgo's REST API, live (`openalgo`) or in OpenAlgo's analyze sandbox
 * (`openalgo-analyzer`). Open it with `connectOpenAlgoBroker`, which checks OpenAlgo's mode first.
 * Nothing is ever sent twice here: the client never retries a write, and neither does this adapter.
 */
export class OpenAlgoBroker implements Broker {
  readonly name: 'openalgo' | 'openalgo-analyzer';
  private readonly client: OpenAlgoClient;
  private readonly clock: Clock;
  private readonly guard: ModeGuard;
  private readonly updates = new BookUpdates();
  /** Live rows carry no strategy tag: the one each order of this run was sent with. */
  private readonly strategies = new Map<BrokerOrderId, string>();
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();

  constructor(options: OpenAlgoBrokerOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.name = options.mode === 'live' ? 'openalgo' : 'openalgo-analyzer';
    this.guard = new ModeGuard(options.client, options.mode);
    this.warn = options.warn ?? (() => {});
  }

  get mode(): OpenAlgoTradingMode {
    return this.guard.expected;
  }

  async place(req: PlaceOrderRequest): BrokerResult<{ brokerOrderId: BrokerOrderId }> {
    const target = wireSymbol(req.instrumentId);
    if (!target.ok) return target;
    const notReady = await this.guard.ready(this.mode === 'analyzer');
    if (notReady) return err(notReady);
    const r = await this.client.placeOrder({
      strategy: req.strategy,
      ...target.value,
      action: req.side,
      quantity: req.quantity,
      pricetype: req.type,
      product: req.product,
      ...prices(req.type, req.limitPrice, req.triggerPrice),
    });
    if (!r.ok) return err(brokerErrorOf(r.error, 'place'));
    if (!('orderid' in r.value)) {
      return err(
        brokerError(
          'rejected',
          `OpenAlgo is in semi-auto mode and queued the order for approval in its Action Center (pending order ${r.value.pending_order_id}) instead of placing it: ` +
            'reject it there, or the terminal will not know it, and switch OpenAlgo to auto mode',
        ),
      );
    }
    const id = orderIdOf(r.value.orderid);
    if (id === undefined) return err(brokerError('unknown-outcome', 'OpenAlgo accepted the order but sent a blank order id: check the order book'));
    const wrongMode = this.guard.check(r.value.mode);
    if (wrongMode) {
      if (this.mode === 'live') return err(wrongMode);
      // Not a sandbox order: a real one exists at the broker, so its id is the truth to hand back.
      this.guard.placedLive(id);
    }
    this.strategies.set(id, req.strategy);
    return ok({ brokerOrderId: id });
  }

  async modify(req: ModifyOrderRequest): BrokerResult<void> {
    const target = wireSymbol(req.instrumentId);
    if (!target.ok) return target;
    const notReady = await this.guard.ready();
    if (notReady) return err(notReady);
    const r = await this.client.modifyOrder({
      strategy: req.strategy,
      ...target.value,
      orderid: req.brokerOrderId,
      action: req.side,
      product: req.product,
      pricetype: req.type,
      quantity: req.quantity,
      disclosed_quantity: 0,
      ...prices(req.type, req.limitPrice, req.triggerPrice),
    });
    if (!r.ok) return err(brokerErrorOf(r.error, 'modify'));
    const wrongMode = this.guard.check(r.value.mode);
    return wrongMode ? err(wrongMode) : ok(undefined);
  }

  async cancel(id: BrokerOrderId, strategy: string): BrokerResult<void> {
    const notReady = await this.guard.ready();
    if (notReady) return err(notReady);
    const r = await this.client.cancelOrder({ strategy, orderid: id });
    if (!r.ok) return err(brokerErrorOf(r.error, 'cancel'));
    const wrongMode = this.guard.check(r.value.mode);
    return wrongMode ? err(wrongMode) : ok(undefined);
  }

  /**
   * From the order book, not OpenAlgo's `orderstatus`: that reads the broker's whole order book (and trade
   * book) anyway, and its row lacks the fill progress a live row needs from the trade book.
   */
  async orderStatus(id: BrokerOrderId, _strategy: string): BrokerResult<BrokerOrderRow> {
    const book = await this.orderBook();
    if (!book.ok) return book;
    const row = book.value.find((r) => r.brokerOrderId === id);
    return row ? ok(row) : err(brokerError('not-found', `order ${id} is not in OpenAlgo's order book`));
  }

  /**
   * The order book, then (for live rows, which carry no fill progress) the trade book, read after it so
   * the trades are at least as new as the rows they are counted into.
   */
  async orderBook(): BrokerResult<readonly BrokerOrderRow[]> {
    const notReady = await this.guard.ready();
    if (notReady) return err(notReady);
    const r = await this.client.orderBook({});
    if (!r.ok) return err(brokerErrorOf(r.error, 'read'));
    const wrongMode = this.guard.check(r.value.mode);
    if (wrongMode) return err(wrongMode);
    const orders = r.value.data.orders;
    let trades: BrokerTrade[] = [];
    if (rowsNeedTrades(orders)) {
      const t = await this.readTrades();
      if (!t.ok) return t;
      trades = t.value;
    }
    const mapped = mapOrderRows(orders, trades, (id) => this.strategies.get(id), this.clock.now());
    this.report(mapped.skipped);
    this.updates.trades(trades);
    this.updates.rows(mapped.items);
    return ok(mapped.items);
  }

  async tradeBook(): BrokerResult<readonly BrokerTrade[]> {
    const notReady = await this.guard.ready();
    if (notReady) return err(notReady);
    const t = await this.readTrades();
    if (t.ok) this.updates.trades(t.value);
    return t;
  }

  async positionBook(): BrokerResult<readonly BrokerPosition[]> {
    const notReady = await this.guard.ready();
    if (notReady) return err(notReady);
    const r = await this.client.positionBook({});
    if (!r.ok) return err(brokerErrorOf(r.error, 'read'));
    const wrongMode = this.guard.check(r.value.mode);
    if (wrongMode) return err(wrongMode);
    const mapped = mapPositions(r.value.data);
    this.report(mapped.skipped);
    return ok(mapped.items);
  }

  /** Fed by this adapter's own book reads (see BookUpdates): OpenAlgo pushes no fills with ids. */
  onUpdate(handler: (update: BrokerUpdate) => void): Unsubscribe {
    return this.updates.subscribe(handler);
  }

  private async readTrades(): Promise<Result<BrokerTrade[], BrokerError>> {
    const r = await this.client.tradeBook({});
    if (!r.ok) return err(brokerErrorOf(r.error, 'read'));
    const wrongMode = this.guard.check(r.value.mode);
    if (wrongMode) return err(wrongMode);
    const rows: readonly WireTrade[] = r.value.data;
    const mapped = mapTrades(rows, this.clock.now());
    this.report(mapped.skipped);
    return ok(mapped.items);
  }

  private report(skipped: readonly string[]): void {
    for (const line of skipped) {
      if (this.warned.has(line)) continue;
      this.warned.add(line);
      this.warn(`OpenAlgo ${this.name}: left out a book row the terminal cannot use (${line})`);
    }
  }
}

/**
 * Opens the adapter after checking OpenAlgo's analyze switch (`/analyzer`): a live broker refuses an
 * OpenAlgo in analyze mode and an analyzer broker refuses a live one, unless told to switch it on
 * (`/analyzer/toggle`). The successful read also proves the API key, so a later "Invalid openalgo
 * apikey" is reported as an expired broker session.
 */
export async function connectOpenAlgoBroker(options: OpenAlgoBrokerOptions): Promise<Result<OpenAlgoBroker, OpenAlgoConnectError>> {
  const broker = new OpenAlgoBroker(options);
  const guard = new ModeGuard(options.client, options.mode);
  const state = await guard.inExpectedMode();
  if (!state.ok) return state;
  if (state.value) return ok(broker);
  if (options.mode === 'analyzer' && options.switchToAnalyzer) {
    const toggled = await options.client.analyzerToggle({ mode: true });
    if (!toggled.ok) return err(brokerErrorOf(toggled.error, 'read'));
    if (toggled.value.data.analyze_mode) return ok(broker);
  }
  return err({ kind: 'mode-mismatch', message: mismatchMessage(options.mode) });
}
