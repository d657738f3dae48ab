import type { Config } from '#config/schema';
import type { Fill } from '#model/fill';
import { computeMetrics, drawdownCurve } from './metrics.ts';
import { roundTrips, type AttributedFill, type OpenTrip } from './round-trips.ts';
import type { BacktestRequest, BacktestResult, BotResult, EquityPoint, OpenAtEnd, Trade } from './types.ts';

/** The books at a session's close: the marks of what was held, and how many fills had happened. */
export interface DayMark {
  readonly ts: number;
  readonly day: string;
  readonly marks: ReadonlyMap<string, number>;
  readonly fills: number;
}

export interface AssembleInput {
  readonly request: BacktestRequest;
  readonly config: Config;
  readonly startTs: number;
  readonly days: readonly string[];
  readonly bars: number;
  /** Every fill, in the order the engine reported them. */
  readonly fills: readonly Fill[];
  readonly marks: readonly DayMark[];
  readonly ownerOf: (f: Fill) => string;
  readonly decisionOf: (f: Fill) => { rule: string; reason: string };
  /** Minutes played, and minutes in which the portfolio and each bot held a position. */
  readonly exposure: { readonly minutes: number; readonly portfolio: number; readonly bots: ReadonlyMap<string, number> };
  /** Bots that went to error, with when and why (the first time each did). */
  readonly faults?: ReadonlyMap<string, NonNullable<BotResult['fault']>>;
}

/**
 * The result from the run's fills: each bot's equity at every close is its capital, plus the cash its
 * fills moved, less their charges, plus what it holds at the close's marks; the portfolio is the account
 * capital plus the sum over bots. Trades are the bots' round trips.
 */
export function assembleResult(a: AssembleInput): BacktestResult {
  const attributed: AttributedFill[] = a.fills.map((fill) => ({ fill, botId: a.ownerOf(fill), ...a.decisionOf(fill) }));
  const trips = roundTrips(attributed);
  const trades = trips.closed;
  const botIds = a.request.bots.map((b) => b.id as string);
  const capitalOf = (id: string): number => a.config.risk.bots[id]?.capital ?? a.config.risk.defaultBot.capital;
  const curves = new Map<string, { ts: number; day: string; equity: number }[]>(botIds.map((id) => [id, []]));
  const books = new Map<string, Book>(botIds.map((id) => [id, { cash: 0, held: new Map() }]));
  const portfolio: { ts: number; day: string; equity: number }[] = [];
  let applied = 0;
  for (const m of a.marks) {
    for (; applied < m.fills; applied++) {
      const f = attributed[applied]!;
      const book = books.get(f.botId);
      if (book) apply(book, f.fill);
    }
    let pnlSum = 0;
    for (const id of botIds) {
      const pnl = valueAt(books.get(id)!, m.marks);
      pnlSum += pnl;
      curves.get(id)!.push({ ts: m.ts, day: m.day, equity: capitalOf(id) + pnl });
    }
    portfolio.push({ ts: m.ts, day: m.day, equity: a.request.capital + pnlSum });
  }
  const chargesOf = (fs: readonly AttributedFill[]): number => fs.reduce((s, f) => s + f.fill.charges, 0);
  const bots: BotResult[] = a.request.bots.map((b) => {
    const equity: EquityPoint[] = drawdownCurve(capitalOf(b.id), curves.get(b.id)!);
    const mine = (t: Trade): boolean => t.botId === b.id;
    const fault = a.faults?.get(b.id);
    return {
      botId: b.id,
      ...(fault ? { fault } : {}),
      params: b.params,
      equity,
      metrics: computeMetrics({
        startEquity: capitalOf(b.id),
        equity,
        startTs: a.startTs,
        trades: trades.filter(mine),
        charges: chargesOf(attributed.filter((f) => f.botId === b.id)),
        exposedBars: a.exposure.bots.get(b.id) ?? 0,
        totalBars: a.exposure.minutes,
      }),
    };
  });
  const equity = drawdownCurve(a.request.capital, portfolio);
  return {
    request: a.request,
    days: [...a.days],
    bars: a.bars,
    portfolio: {
      equity,
      metrics: computeMetrics({ startEquity: a.request.capital, equity, startTs: a.startTs, trades, charges: chargesOf(attributed), exposedBars: a.exposure.portfolio, totalBars: a.exposure.minutes }),
    },
    bots,
    trades,
    openAtEnd: openAtEnd(trips.open, (o) => priceOf(books.get(o.botId)?.held.get(o.instrumentId), o.instrumentId, a.marks.at(-1)?.marks) ?? o.entryPrice),
  };
}

/** What was still held when the run ended, at the price the equity curve's last point values it at. */
function openAtEnd(open: readonly OpenTrip[], markOf: (o: OpenTrip) => number): OpenAtEnd[] {
  return open.map((o) => {
    const mark = markOf(o);
    return {
      botId: o.botId,
      instrumentId: o.instrumentId,
      direction: o.direction,
      quantity: Math.abs(o.net),
      entryTs: o.entryTs,
      entryPrice: o.entryPrice,
      mark,
      netPnl: o.cash + o.net * mark - o.charges,
      signal: o.signal,
      reason: o.reason,
    };
  });
}

/** A bot's running account: cash its fills moved less their charges, and what it holds (with its last fill price). */
interface Book {
  cash: number;
  readonly held: Map<string, { q: number; last: number }>;
}

function apply(book: Book, f: Fill): void {
  const sign = f.side === 'BUY' ? 1 : -1;
  book.cash += -sign * f.quantity * f.price - f.charges;
  const h = book.held.get(f.instrumentId) ?? { q: 0, last: f.price };
  book.held.set(f.instrumentId, { q: h.q + sign * f.quantity, last: f.price });
}

/** What a holding is worth a unit: its mark, or its last fill price where there is no mark. */
function priceOf(h: { readonly last: number } | undefined, id: string, marks: ReadonlyMap<string, number> | undefined): number | undefined {
  return marks?.get(id) ?? h?.last;
}

/** The cash plus what is held at the marks. */
function valueAt(book: Book, marks: ReadonlyMap<string, number>): number {
  let value = 0;
  for (const [id, h] of book.held) if (h.q !== 0) value += h.q * priceOf(h, id, marks)!;
  return book.cash + value;
}
