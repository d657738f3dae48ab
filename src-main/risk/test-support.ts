import { ok, type Result } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_RISK_CONFIG, riskConfigSchema, type RiskConfig } from '#config/risk-schema';
import { botId, clientOrderId, instrumentId, type BotId } from '#model/ids';
import type { FutureInstrument, OptionInstrument, OptionRight } from '#model/instrument';
import { createRiskGate } from './gate.ts';
import { createRiskLedger, type RiskLedger } from './ledger.ts';
import { createOrderRateWindow } from './order-rate-window.ts';
import type { MarginSource, MarketView, PendingOrder, PersistedExitRule, PersistedRiskState, Quote, RiskBook, RiskPosition, RiskStateStore } from './ports.ts';
import type { OrderProposal, RiskGate } from './pre-trade.ts';

/** Tuesday 10 March 2026, 10:00 IST: an ordinary F&O session (09:15–15:30). */
export const T0 = istToEpoch(2026, 3, 10, 10, 0);
/** The NIFTY weekly expiring on Tuesday 17 March 2026 at 15:30 IST. */
export const EXPIRY = istToEpoch(2026, 3, 17, 15, 30);
export const NIFTY_LOT = 65;

export function niftyOption(strike: number, right: OptionRight, expiry = EXPIRY): OptionInstrument {
  const d = new Date(expiry + 5.5 * 3600_000);
  const tag = `${String(d.getUTCDate()).padStart(2, '0')}${['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][d.getUTCMonth()]}${String(d.getUTCFullYear()).slice(2)}`;
  const symbol = `NIFTY${tag}${strike}${right}`;
  return { kind: 'option', id: instrumentId('NFO', symbol), symbol, exchange: 'NFO', tickSize: 0.05, underlying: 'NIFTY', expiry, strike, right, lotSize: NIFTY_LOT };
}

export function niftyFuture(expiry = istToEpoch(2026, 3, 31, 15, 30)): FutureInstrument {
  const symbol = 'NIFTY31MAR26FUT';
  return { kind: 'future', id: instrumentId('NFO', symbol), symbol, exchange: 'NFO', tickSize: 0.1, underlying: 'NIFTY', expiry, lotSize: NIFTY_LOT };
}

export function bankniftyOption(strike: number, right: OptionRight): OptionInstrument {
  const symbol = `BANKNIFTY31MAR26${strike}${right}`;
  return { kind: 'option', id: instrumentId('NFO', symbol), symbol, exchange: 'NFO', tickSize: 0.05, underlying: 'BANKNIFTY', expiry: istToEpoch(2026, 3, 31, 15, 30), strike, right, lotSize: 30 };
}

export class MemoryRiskStore implements RiskStateStore {
  state: PersistedRiskState | undefined;
  rules = new Map<string, PersistedExitRule>();
  saves = 0;
  load(): Result<PersistedRiskState | undefined, { readonly message: string }> {
    return ok(this.state);
  }
  save(s: PersistedRiskState): void {
    this.state = s;
    this.saves++;
  }
  loadExitRules() {
    return ok([...this.rules.values()]);
  }
  saveExitRule(r: PersistedExitRule): void {
    this.rules.set(r.id, r);
  }
  deleteExitRule(id: string): void {
    this.rules.delete(id);
  }
}

export class FakeMarket implements MarketView {
  marks = new Map<string, number>();
  spots = new Map<string, number>();
  ivs = new Map<string, number>();
  quotes = new Map<string, Quote>();
  mark(id: string) {
    return this.marks.get(id);
  }
  spot(u: string) {
    return this.spots.get(u);
  }
  impliedVol(id: string) {
    return this.ivs.get(id);
  }
  quote(id: string) {
    return this.quotes.get(id);
  }
}

export class FakePortfolio {
  positions: RiskPosition[] = [];
  openOrders: PendingOrder[] = [];
  realisedPnl = 0;
  charges = 0;
  book(): RiskBook {
    return { positions: this.positions, openOrders: this.openOrders, realisedPnl: this.realisedPnl, charges: this.charges };
  }
}

/** Free funds and a broker quote the test sets; undefined means "unknown". */
export class FakeMargin implements MarginSource {
  funds: number | undefined;
  quoteValue: number | undefined;
  available() {
    return this.funds;
  }
  quote() {
    return this.quoteValue;
  }
}

export const BOT_A: BotId = botId('bot-a');
export const BOT_B: BotId = botId('bot-b');

/** Limits loose enough that only the check under test can refuse, with `patch` applied (validated by the schema). */
export function limitsWith(patch: Partial<Record<keyof RiskConfig, unknown>> = {}): RiskConfig {
  const loose = {
    ...DEFAULT_RISK_CONFIG,
    capital: 100_000_000,
    dailyLoss: { limit: 10_000_000, action: 'reducing', flatten: false },
    dayDrawdown: { limit: 10_000_000, action: 'reducing', flatten: false },
    overallDrawdown: { limit: 10_000_000, action: 'halted', flatten: false },
    orderSize: { maxLotsPerOrder: 100 },
    greeks: { maxDeltaLots: 1000, maxGammaLots: 1000, maxVega: 1e9, maxTheta: 1e9 },
    shock: { ...DEFAULT_RISK_CONFIG.shock, maxLoss: 1e9 },
    stacking: { maxDeltaLots: 1000, maxVega: 1e9 },
    manual: { capital: 1e9, maxPositions: 100, maxLots: 1000, entryWindow: null },
    defaultBot: { capital: 1e9, maxPositions: 100, maxLots: 1000, entryWindow: null },
  };
  return riskConfigSchema.parse({ ...loose, ...patch });
}

export interface Harness {
  readonly ledger: RiskLedger;
  readonly gate: RiskGate;
  readonly store: MemoryRiskStore;
  readonly market: FakeMarket;
  readonly portfolio: FakePortfolio;
  readonly margin: FakeMargin;
  readonly rate: ReturnType<typeof createOrderRateWindow>;
}

export function harness(limits: RiskConfig = limitsWith(), now = T0): Harness {
  const store = new MemoryRiskStore();
  const market = new FakeMarket();
  market.spots.set('NIFTY', 23_000);
  market.spots.set('BANKNIFTY', 50_000);
  const portfolio = new FakePortfolio();
  const margin = new FakeMargin();
  const ledger = createRiskLedger({ store, limits, now });
  const rate = createOrderRateWindow();
  const gate = createRiskGate({ ledger, portfolio, market, margin, rate });
  return { ledger, gate, store, market, portfolio, margin, rate };
}

let seq = 0;
export function proposal(over: Partial<OrderProposal> & Pick<OrderProposal, 'instrument'>): OrderProposal {
  const inst = over.instrument;
  return {
    side: 'SELL',
    quantity: inst.lotSize,
    type: 'LIMIT',
    product: 'NRML',
    limitPrice: over.referencePrice ?? 100,
    reduceOnly: false,
    referencePrice: 100,
    ts: T0,
    clientOrderId: clientOrderId(`co-${++seq}`),
    ...over,
  };
}
