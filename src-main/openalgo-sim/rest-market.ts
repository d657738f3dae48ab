import type { Quote } from './market.ts';
import { r2, type DataContext } from './rest-account.ts';
import type { Reply } from './rest-orders.ts';

/** Quotes, depth and symbol services (openalgo.md §3.3–3.4), with `quotes_service`'s messages. */
type Body = Record<string, unknown>;

/** `validate_symbol_exchange`: the symbol must be in the master contract before the broker is asked. */
export function unknownSymbol(symbol: unknown, exchange: unknown): string {
  return `Symbol '${String(symbol)}' not found for exchange '${String(exchange)}'. Please verify the symbol name and ensure master contracts are downloaded.`;
}

export function quoteBody(q: Quote): Record<string, unknown> {
  return { ask: q.ask, bid: q.bid, high: r2(q.high), low: r2(q.low), ltp: q.ltp, oi: q.oi, open: r2(q.open), prev_close: r2(q.prevClose), volume: q.volume };
}

function depthSide(q: Quote, side: 'bids' | 'asks'): { price: number; quantity: number }[] {
  return Array.from({ length: 5 }, (_, i) => ({ price: r2(side === 'bids' ? q.bid - i * 0.05 : q.ask + i * 0.05), quantity: 100 * (i + 1) }));
}

export const marketHandlers: Record<string, (ctx: DataContext, b: Body) => Reply> = {
  quotes(ctx, b) {
    const q = ctx.market.quote(b.exchange as string, b.symbol as string);
    if (!q) return [400, { status: 'error', message: unknownSymbol(b.symbol, b.exchange) }];
    return [200, { status: 'success', data: quoteBody(q) }];
  },
  /** Invalid entries first, each with its error; 400 only when none is valid (`get_multiquotes_with_auth`). */
  multiquotes(ctx, b) {
    const items = b.symbols as Body[];
    const invalid = items.filter((s) => !ctx.market.quote(s.exchange as string, s.symbol as string)).map((s) => ({ symbol: s.symbol, exchange: s.exchange, error: unknownSymbol(s.symbol, s.exchange) }));
    const valid = items.filter((s) => ctx.market.quote(s.exchange as string, s.symbol as string));
    if (valid.length === 0) return [400, { status: 'error', message: invalid[0]!.error, invalid_symbols: invalid }];
    const results = [...invalid, ...valid.map((s) => ({ symbol: s.symbol, exchange: s.exchange, data: quoteBody(ctx.market.quote(s.exchange as string, s.symbol as string)!) }))];
    return [200, { status: 'success', results }];
  },
  depth(ctx, b) {
    const q = ctx.market.quote(b.exchange as string, b.symbol as string);
    if (!q) return [400, { status: 'error', message: unknownSymbol(b.symbol, b.exchange) }];
    return [200, { status: 'success', data: { ...quoteBody(q), ltq: 1, totalbuyqty: 1500, totalsellqty: 1500, asks: depthSide(q, 'asks'), bids: depthSide(q, 'bids') } }];
  },
  intervals() {
    return [200, { status: 'success', data: { days: ['D'], hours: ['1h'], minutes: ['1m', '3m', '5m', '10m', '15m', '30m'], months: [], seconds: [], weeks: [] } }];
  },
  symbol(ctx, b) {
    const info = ctx.market.info(b.exchange as string, b.symbol as string);
    if (!info) return [404, { status: 'error', message: `Symbol ${b.symbol} not found in exchange ${b.exchange}` }];
    return [200, { status: 'success', data: { ...info, id: Number(info.token), brsymbol: info.symbol, brexchange: info.exchange } }];
  },
  search(ctx, b) {
    const query = String(b.query).trim().toUpperCase();
    if (query === '') return [400, { status: 'error', message: 'Query parameter is required and cannot be empty' }];
    const data = ctx.market
      .allInfos()
      .filter((i) => (b.exchange === undefined || i.exchange === b.exchange) && (i.symbol.includes(query) || i.name.includes(query)))
      .map((i) => ({ ...i, brsymbol: i.symbol, brexchange: i.exchange }));
    return [200, { status: 'success', message: data.length ? `Found ${data.length} matching symbols` : 'No matching symbols found', data }];
  },
  expiry(ctx, b) {
    const wanted = b.instrumenttype === 'futures' ? ['FUT'] : ['CE', 'PE'];
    const set = new Set(ctx.market.allInfos().filter((i) => i.exchange === b.exchange && i.name === b.symbol && wanted.includes(i.instrumenttype)).map((i) => i.expiry));
    const data = [...set].sort((x, y) => Date.parse(x) - Date.parse(y));
    if (data.length === 0) return [200, { status: 'success', message: `No expiry dates found for ${b.symbol} ${b.instrumenttype} in ${b.exchange}`, data }];
    return [200, { status: 'success', message: `Found ${data.length} expiry dates for ${b.symbol} ${b.instrumenttype} in ${b.exchange}`, data }];
  },
};
