import type { IdGenerator } from '#core/ids';
import { err, ok, type Result } from '#core/result';
import type { RiskConfig } from '#config/risk-schema';
import { clientOrderId, intentId, structureId as toStructureId, type BotId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import { isTerminal, type Product } from '#model/order';
import { payoff, type Payoff } from '#risk/payoff';
import type { MarketView } from '#risk/ports';
import { shockTable, type ShockTable } from '#risk/shock';
import { underlyingOf, valueLegs, type BookLeg } from '#risk/valuation';
import type { OrderManager } from '#execution/order-manager';
import { isStructureTerminal } from '#execution/structures/structure-fsm';
import type { SubmitError, SubmitOutcome } from '#execution/submit-errors';
import type { EngineAudit } from './engine-audit.ts';
import type { HeldLeg, TradingPortfolio } from './risk-portfolio.ts';
import { tradingError, type TradingError } from './trading-error.ts';

export interface ClosePositionInput {
  readonly botId: string;
  readonly instrumentId: string;
  readonly product: Product;
}

export interface ModifyOrderInput {
  readonly clientOrderId: string;
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

export interface StructurePayoff {
  readonly structureId: string;
  readonly payoff: Payoff;
  readonly shock: ShockTable;
}

/** Which legs a payoff is drawn for: one position (a bot's instrument and product), or the whole book on one underlying. */
export type PayoffSubject =
  | { readonly kind: 'position'; readonly botId: string; readonly instrumentId: string; readonly product: Product }
  /** Without an underlying: the first (alphabetically) the book holds legs on. */
  | { readonly kind: 'portfolio'; readonly underlying?: string | undefined };

export interface BookPayoff {
  readonly payoff: Payoff;
  readonly shock: ShockTable;
  /** The underlyings the book holds legs on, each drawn on its own spot axis. */
  readonly underlyings: readonly string[];
}

export type ActionResult = Result<SubmitOutcome, TradingError>;

/** What the trader may do to the book from the screen; every order goes through the order manager and risk. */
export interface TraderActions {
  closePosition(input: ClosePositionInput): Promise<ActionResult>;
  closeStructure(structureId: string): Promise<ActionResult>;
  /** One leg of an open structure at market; a hedge is refused while its short is held. */
  closeStructureLeg(structureId: string, legIndex: number): Promise<ActionResult>;
  cancelOrder(clientOrderId: string): Promise<ActionResult>;
  modifyOrder(input: ModifyOrderInput): Promise<ActionResult>;
  structurePayoff(structureId: string): Result<StructurePayoff, TradingError>;
  /** The payoff of one position, or of every leg the book holds on one underlying. */
  bookPayoff(subject: PayoffSubject): Result<BookPayoff, TradingError>;
  bookShock(): Result<ShockTable, TradingError>;
}

export interface TraderActionsDeps {
  readonly now: () => number;
  readonly manager: OrderManager;
  readonly portfolio: TradingPortfolio;
  readonly market: MarketView;
  readonly limits: RiskConfig;
  readonly audit: EngineAudit;
  readonly ids: IdGenerator;
  /** The order path as the engine offers it (refused until trading has started). */
  readonly submit: (intent: Intent) => Promise<Result<SubmitOutcome, SubmitError>>;
}

const WORKING = new Set(['accepted', 'triggered', 'partially-filled', 'pending-update']);

/**
 * The trader's commands on positions and orders. None reaches a broker by itself: each becomes an intent
 * of the bot that owns the position or order (a close is reduce-only, so it passes while trading is
 * *reducing*; a structure exits through its own hedge-last path) and is audited as the trader's.
 */
export function createTraderActions(deps: TraderActionsDeps): TraderActions {
  const { manager, portfolio, market, limits, audit } = deps;

  const send = async (intent: Intent, what: string): Promise<ActionResult> => {
    audit.record('trader:order', 'trader', { what, intent }, intent.botId);
    const r = await deps.submit(intent);
    return r.ok ? ok(r.value) : err(tradingError(r.error.kind === 'not-allowed' || r.error.kind === 'risk-denied' || r.error.kind === 'bot-blocked' ? 'invalid-state' : 'invalid-input', r.error.message));
  };

  const bookLegs = (legs: readonly HeldLeg[]): Result<BookLeg[], TradingError> => {
    const out: BookLeg[] = [];
    for (const l of legs) {
      const mark = market.mark(l.instrument.id);
      if (mark === undefined) return err(tradingError('unavailable', `no price for ${l.instrument.symbol} yet`));
      out.push({ instrument: l.instrument, ...(l.botId !== undefined ? { botId: l.botId } : {}), ...(l.structureId !== undefined ? { structureId: l.structureId } : {}), quantity: l.netQuantity, mark });
    }
    return ok(out);
  };

  /** Legs on one underlying valued now, their payoff at the nearest expiry and at T+0, and their shock table. */
  const payoffOf = (held: readonly HeldLeg[]): Result<{ payoff: Payoff; shock: ShockTable }, TradingError> => {
    const book = bookLegs(held);
    if (!book.ok) return book;
    const valued = valueLegs(book.value, market, limits.rate, deps.now());
    if (!valued.ok) return err(tradingError('unavailable', valued.error.message));
    const p = payoff(valued.value.map((leg, i) => ({ leg, avgPrice: held[i]!.avgPrice })));
    if (!p.ok) return err(tradingError('invalid-state', p.error));
    return ok({ payoff: p.value, shock: shockTable(valued.value, limits.shock) });
  };

  return {
    closePosition(input) {
      const leg = portfolio
        .holdings()
        .legs.find((l) => l.botId === input.botId && l.instrument.id === input.instrumentId && l.product === input.product && l.structureId === undefined && l.netQuantity !== 0);
      if (!leg) {
        const inStructure = portfolio.holdings().legs.some((l) => l.botId === input.botId && l.instrument.id === input.instrumentId && l.structureId !== undefined);
        return Promise.resolve(
          err(
            tradingError(
              'not-found',
              inStructure
                ? `${input.instrumentId} is a leg of a structure of ${input.botId}: close the structure (its shorts are bought back before its hedges are sold)`
                : `${input.botId} holds no ${input.product} position in ${input.instrumentId}`,
            ),
          ),
        );
      }
      // A second close while the first works would not be reduce-only any more: it would open the other way.
      const working = manager
        .orders()
        .some((r) => r.order.botId === leg.botId && r.order.instrumentId === leg.instrument.id && r.order.product === leg.product && !r.link && !isTerminal(r.order.status) && r.order.side === (leg.netQuantity > 0 ? 'SELL' : 'BUY'));
      if (working) return Promise.resolve(err(tradingError('invalid-state', `an order closing ${leg.instrument.symbol} for ${input.botId} is already working: cancel it or wait for it`)));
      const intent: Intent = {
        kind: 'place',
        intentId: intentId(deps.ids.next()),
        botId: leg.botId as BotId,
        instrumentId: leg.instrument.id as InstrumentId,
        side: leg.netQuantity > 0 ? 'SELL' : 'BUY',
        quantity: Math.abs(leg.netQuantity),
        type: 'MARKET',
        product: leg.product,
        reason: 'closed by the trader',
      };
      return send(intent, 'close-position');
    },
    closeStructure(id) {
      const s = manager.structure(toStructureId(id));
      if (!s) return Promise.resolve(err(tradingError('not-found', `there is no structure ${id}`)));
      if (isStructureTerminal(s.status) || s.status === 'exiting') return Promise.resolve(err(tradingError('invalid-state', `structure ${id} is ${s.status}: there is nothing more to close`)));
      return send({ kind: 'exit-structure', intentId: intentId(deps.ids.next()), botId: s.botId, structureId: s.structureId, reason: 'closed by the trader' }, 'close-structure');
    },
    closeStructureLeg(id, legIndex) {
      const s = manager.structure(toStructureId(id));
      if (!s) return Promise.resolve(err(tradingError('not-found', `there is no structure ${id}`)));
      if (!s.legs.some((l) => l.index === legIndex)) return Promise.resolve(err(tradingError('not-found', `structure ${id} has no leg ${legIndex}`)));
      return send({ kind: 'exit-structure-leg', intentId: intentId(deps.ids.next()), botId: s.botId, structureId: s.structureId, legIndex, reason: 'closed by the trader' }, 'close-structure-leg');
    },
    cancelOrder(id) {
      const r = manager.order(clientOrderId(id));
      if (!r) return Promise.resolve(err(tradingError('not-found', `there is no order ${id}`)));
      if (r.order.botId === undefined) return Promise.resolve(err(tradingError('invalid-state', `order ${id} belongs to no bot (the kill switch's or the trader's at the broker): it is left to its owner`)));
      if (isTerminal(r.order.status) || !WORKING.has(r.order.status)) return Promise.resolve(err(tradingError('invalid-state', `order ${id} is ${r.order.status}: only a working order can be cancelled`)));
      return send({ kind: 'cancel', intentId: intentId(deps.ids.next()), botId: r.order.botId, clientOrderId: r.order.clientOrderId, reason: 'cancelled by the trader' }, 'cancel');
    },
    modifyOrder(input) {
      const r = manager.order(clientOrderId(input.clientOrderId));
      if (!r) return Promise.resolve(err(tradingError('not-found', `there is no order ${input.clientOrderId}`)));
      if (r.order.botId === undefined) return Promise.resolve(err(tradingError('invalid-state', `order ${input.clientOrderId} belongs to no bot: it is left to its owner`)));
      if (!WORKING.has(r.order.status)) return Promise.resolve(err(tradingError('invalid-state', `order ${input.clientOrderId} is ${r.order.status}: only a working order can be modified`)));
      if (r.order.type === 'MARKET') return Promise.resolve(err(tradingError('invalid-input', 'a market order has no price to change')));
      if (input.quantity === undefined && input.limitPrice === undefined && input.triggerPrice === undefined) return Promise.resolve(err(tradingError('invalid-input', 'nothing to change')));
      return send(
        {
          kind: 'modify',
          intentId: intentId(deps.ids.next()),
          botId: r.order.botId,
          clientOrderId: r.order.clientOrderId,
          ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
          ...(input.limitPrice !== undefined ? { limitPrice: input.limitPrice } : {}),
          ...(input.triggerPrice !== undefined ? { triggerPrice: input.triggerPrice } : {}),
          reason: 'modified by the trader',
        },
        'modify',
      );
    },
    structurePayoff(id) {
      const held = portfolio.holdings().legs.filter((l) => l.structureId === id && l.netQuantity !== 0);
      if (held.length === 0) return err(tradingError('not-found', `structure ${id} holds no legs`));
      const drawn = payoffOf(held);
      return drawn.ok ? ok({ structureId: id, ...drawn.value }) : drawn;
    },
    bookPayoff(subject) {
      const open = portfolio.holdings().legs.filter((l) => l.netQuantity !== 0);
      const underlyings = [...new Set(open.map((l) => underlyingOf(l.instrument)))].sort();
      if (subject.kind === 'portfolio' && underlyings.length === 0) return err(tradingError('not-found', 'the book holds no open positions'));
      const underlying = subject.kind === 'portfolio' ? (subject.underlying ?? underlyings[0]!) : undefined;
      const held =
        subject.kind === 'position'
          ? open.filter((l) => l.botId === subject.botId && l.instrument.id === subject.instrumentId && l.product === subject.product)
          : open.filter((l) => underlyingOf(l.instrument) === underlying);
      if (held.length === 0) {
        return err(tradingError('not-found', subject.kind === 'position' ? `${subject.botId} holds no ${subject.product} position in ${subject.instrumentId}` : `the book holds nothing on ${underlying}`));
      }
      const drawn = payoffOf(held);
      return drawn.ok ? ok({ ...drawn.value, underlyings }) : drawn;
    },
    bookShock() {
      const book = bookLegs(portfolio.holdings().legs.filter((l) => l.netQuantity !== 0));
      if (!book.ok) return book;
      const valued = valueLegs(book.value, market, limits.rate, deps.now());
      if (!valued.ok) return err(tradingError('unavailable', valued.error.message));
      return ok(shockTable(valued.value, limits.shock));
    },
  };
}
