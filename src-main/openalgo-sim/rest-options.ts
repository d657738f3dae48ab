import { istToEpoch } from '#core/time-ist';
import { black76, displayGreeks } from '#options/black';
import { impliedVolBlack76 } from '#options/implied-vol';
import { parseExpiryCode } from '#openalgo/symbol-codec';
import { blackScholes, impliedVol } from './black-scholes.ts';
import type { SimOptionChain, SimSymbolInfo } from './market.ts';
import type { DataContext } from './rest-account.ts';
import { unknownSymbol } from './rest-market.ts';
import { resolveOption, type Reply } from './rest-orders.ts';

/**
 * Option services: symbol resolution, the chain, Greeks for one or many options and the synthetic
 * future (`option_symbol_service`, `option_chain_service`, `option_greeks_service`,
 * `synthetic_future_service`). The chain sends nulls exactly where OpenAlgo's code does: a missing leg
 * is `null`, `forward_price` is `null` unless Greeks were asked for.
 */
type Body = Record<string, unknown>;

const YEAR_MS = 365 * 86_400_000;
/** `parse_option_symbol`: base, DD, MMM, YY, strike, CE/PE. */
const OPTION_SYMBOL = /^([A-Z]+)(\d{2})([A-Z]{3})(\d{2})([\d.]+)(CE|PE)/;
const round = (n: number, d: number): number => Number(n.toFixed(d));

function expiryCut(code: string): number | undefined {
  const d = parseExpiryCode(code);
  return d ? istToEpoch(d.year, d.month, d.day, 15, 30) : undefined;
}

/** `get_strikes_with_labels`: positions counted in listed strikes, CE ITM below the ATM, PE above. */
function selectStrikes(strikes: readonly number[], atm: number, count: number | null | undefined): { strike: number; ce: string; pe: string }[] {
  const at = strikes.indexOf(atm);
  const chosen = count === null || count === undefined ? strikes : strikes.slice(Math.max(0, at - count), Math.min(strikes.length, at + count + 1));
  return chosen.map((strike) => {
    const n = Math.abs(strikes.indexOf(strike) - at);
    if (strike === atm) return { strike, ce: 'ATM', pe: 'ATM' };
    return strike < atm ? { strike, ce: `ITM${n}`, pe: `OTM${n}` } : { strike, ce: `OTM${n}`, pe: `ITM${n}` };
  });
}

function legBody(ctx: DataContext, info: SimSymbolInfo, label: string): Record<string, unknown> {
  const q = ctx.market.quote(info.exchange, info.symbol)!;
  return {
    symbol: info.symbol, label, ltp: q.ltp, bid: q.bid, ask: q.ask, bid_qty: 100, ask_qty: 100, open: q.open, high: q.high, low: q.low,
    prev_close: q.prevClose, volume: q.volume, oi: q.oi, lotsize: info.lotsize, tick_size: info.tick_size,
  };
}

/** `calculate_chain_greeks`: Black-76 on the chain's own forward; unpriced legs get no fields. */
function attachGreeks(leg: Record<string, unknown>, right: 'CE' | 'PE', strike: number, forward: number, years: number, rate: number): void {
  const price = leg.ltp as number;
  if (!(price > 0) || !(years > 0)) return;
  const iv = impliedVolBlack76(right, price, forward, strike, years, rate);
  const intrinsic = Math.max(right === 'CE' ? forward - strike : strike - forward, 0);
  if (!iv.ok) {
    Object.assign(leg, { implied_volatility: 0, delta: intrinsic > 0 ? (right === 'CE' ? 1 : -1) : 0, gamma: 0, theta: 0, vega: 0 });
    return;
  }
  const g = displayGreeks(black76(right, forward, strike, years, rate, iv.value.vol), 'calendar');
  Object.assign(leg, { implied_volatility: round(iv.value.vol * 100, 2), delta: round(g.delta, 4), gamma: round(g.gamma, 6), theta: round(g.theta, 4), vega: round(g.vega, 4) });
}

function optionChain(ctx: DataContext, b: Body): Reply {
  const embedded = /^([A-Z]+)(\d{2}[A-Z]{3}\d{2})(?:FUT)?$/.exec(String(b.underlying).toUpperCase());
  const base = embedded ? embedded[1]! : String(b.underlying);
  const expiry = (embedded?.[2] ?? String(b.expiry_date)).toUpperCase();
  if (!expiry) return [400, { status: 'error', message: 'Expiry date is required.' }];
  const chain: SimOptionChain | undefined = ctx.market.chainFor(base, b.exchange as string);
  const dashed = `${expiry.slice(0, 2)}-${expiry.slice(2, 5)}-${expiry.slice(5)}`;
  const infos = chain ? ctx.market.allInfos().filter((i) => i.exchange === chain.exchange && i.name === chain.underlying && i.expiry === dashed) : [];
  const strikes = [...new Set(infos.filter((i) => i.instrumenttype === 'CE').map((i) => i.strike))].sort((x, y) => x - y);
  if (!chain || strikes.length === 0) {
    return [404, { status: 'error', message: `No strikes found for ${base} expiring ${expiry}. Please check expiry date or update master contract.` }];
  }
  const spot = ctx.market.quote(chain.underlyingExchange, chain.underlying)!;
  const atm = strikes.reduce((best, s) => (Math.abs(s - spot.ltp) < Math.abs(best - spot.ltp) ? s : best), strikes[0]!);
  const find = (strike: number, right: 'CE' | 'PE'): SimSymbolInfo | undefined => infos.find((i) => i.strike === strike && i.instrumenttype === right);
  const rows = selectStrikes(strikes, atm, b.strike_count as number | null | undefined).map(({ strike, ce, pe }) => {
    const c = find(strike, 'CE');
    const p = find(strike, 'PE');
    return { strike, ce: c ? legBody(ctx, c, ce) : null, pe: p ? legBody(ctx, p, pe) : null };
  });
  const cut = expiryCut(expiry);
  let forward: number | null = null;
  if (b.with_greeks === true) {
    const atmRow = rows.find((r) => r.strike === atm);
    const c = (atmRow?.ce?.ltp as number | undefined) ?? 0;
    const p = (atmRow?.pe?.ltp as number | undefined) ?? 0;
    forward = c > 0 && p > 0 ? round(atm + c - p, 4) : spot.ltp;
    const years = cut === undefined ? 0 : (cut - ctx.clock.now()) / YEAR_MS;
    const rate = ((b.interest_rate as number | null | undefined) ?? 0) / 100;
    for (const r of rows) {
      if (r.ce) attachGreeks(r.ce, 'CE', r.strike, forward, years, rate);
      if (r.pe) attachGreeks(r.pe, 'PE', r.strike, forward, years, rate);
    }
  }
  return [
    200,
    {
      status: 'success', underlying: base, underlying_symbol: chain.underlying, underlying_exchange: chain.underlyingExchange, underlying_ltp: spot.ltp,
      underlying_prev_close: spot.prevClose, expiry_date: expiry, expiry_ts: cut === undefined ? null : Math.floor(cut / 1000),
      server_ts: Math.floor(ctx.clock.now() / 1000), atm_strike: atm, quotes_included: true, greeks_included: b.with_greeks === true, forward_price: forward, chain: rows,
    },
  ];
}

type GreeksResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; message: string };

/** `calculate_greeks` for one option, priced off the underlying's spot (Black-76, trader units). */
function greeksFor(ctx: DataContext, symbol: string, exchange: string, ratePct: number | undefined, forwardPrice?: number): GreeksResult {
  if (!OPTION_SYMBOL.test(symbol.toUpperCase())) return { ok: false, status: 400, message: `Invalid option symbol format: ${symbol}` };
  if (ctx.sessionExpired()) {
    return { ok: false, status: 403, message: forwardPrice ? 'Failed to fetch option price: Invalid openalgo apikey' : 'Failed to fetch underlying price: Invalid openalgo apikey' };
  }
  const info = ctx.market.info(exchange, symbol);
  const chain = info ? ctx.market.chainFor(info.name, info.exchange) : undefined;
  const q = ctx.market.quote(exchange, symbol);
  if (!info || !chain || !q || (info.instrumenttype !== 'CE' && info.instrumenttype !== 'PE')) {
    return { ok: false, status: 400, message: `Failed to fetch option price: ${unknownSymbol(symbol, exchange)}` };
  }
  const spot = forwardPrice ?? ctx.market.quote(chain.underlyingExchange, chain.underlying)?.ltp ?? 0;
  const code = info.expiry.replaceAll('-', '');
  const years = ctx.market.yearsTo(code);
  const rate = (ratePct ?? 0) / 100;
  const iv = impliedVol(q.ltp, spot, info.strike, years, rate, info.instrumenttype);
  const g = blackScholes(spot, info.strike, years, iv, rate, info.instrumenttype);
  const d = `${code.slice(0, 2)}-${code.slice(2, 3)}${code.slice(3, 5).toLowerCase()}-20${code.slice(5)}`;
  return {
    ok: true,
    body: {
      status: 'success', symbol: info.symbol, exchange: info.exchange, underlying: chain.underlying, strike: info.strike, option_type: info.instrumenttype,
      expiry_date: d, days_to_expiry: round(years * 365, 4), spot_price: round(spot, 2), option_price: round(q.ltp, 2), interest_rate: round(rate * 100, 2),
      implied_volatility: round(iv * 100, 2),
      greeks: { delta: round(g.delta, 4), gamma: round(g.gamma, 6), theta: round(g.theta, 4), vega: round(g.vega, 4), rho: round(g.rho, 6) },
    },
  };
}

/**
 * `get_multi_option_greeks`: always HTTP 200; the top-level status is success, partial or error, and
 * with an expired broker session every underlying price fetch fails.
 */
function multiGreeks(ctx: DataContext, b: Body): Reply {
  const items = b.symbols as Body[];
  const data = items.map((s) => {
    const symbol = s.symbol as string;
    const exchange = s.exchange as string;
    const parsed = OPTION_SYMBOL.exec(symbol.toUpperCase());
    if (!parsed) return { status: 'error', symbol, exchange, message: `Failed to parse option symbol: Invalid option symbol format: ${symbol}` };
    if (ctx.sessionExpired()) return { status: 'error', symbol, exchange, message: `Failed to fetch underlying price for ${parsed[1]}` };
    if (!ctx.market.quote(exchange, symbol)) return { status: 'error', symbol, exchange, message: 'Option LTP not available' };
    const r = greeksFor(ctx, symbol, exchange, b.interest_rate as number | undefined);
    return r.ok ? r.body : { status: 'error', symbol, exchange, message: r.message };
  });
  const failed = data.filter((r) => r.status === 'error');
  const status = failed.length === 0 ? 'success' : failed.length < data.length ? 'partial' : 'error';
  const body: Record<string, unknown> = { status, data, summary: { total: items.length, success: data.length - failed.length, failed: failed.length } };
  const messages = [...new Set(failed.map((r) => r.message as string))].slice(0, 3).join('; ');
  if (failed.length > 0) body.message = status === 'error' ? `All option Greeks calculations failed: ${messages}` : `${failed.length} option Greeks calculation(s) failed: ${messages}`;
  return [200, body];
}

export const optionHandlers: Record<string, (ctx: DataContext, b: Body) => Reply> = {
  optionsymbol(ctx, b) {
    const r = resolveOption(ctx, b);
    if (!r.ok) return [r.status, { status: 'error', message: r.message }];
    const info = ctx.market.info(r.exchange, r.symbol)!;
    return [200, { status: 'success', symbol: r.symbol, exchange: r.exchange, lotsize: info.lotsize, tick_size: info.tick_size, freeze_qty: info.freeze_qty, underlying_ltp: r.ltp }];
  },
  optionchain: optionChain,
  optiongreeks(ctx, b) {
    const r = greeksFor(ctx, b.symbol as string, b.exchange as string, b.interest_rate as number | undefined, b.forward_price as number | undefined);
    return r.ok ? [200, r.body] : [r.status, { status: 'error', message: r.message }];
  },
  multioptiongreeks: multiGreeks,
  /** ATM call and put of the expiry, `K + C − P` (`synthetic_future_service`). */
  syntheticfuture(ctx, b) {
    const call = resolveOption(ctx, { ...b, offset: 'ATM', option_type: 'CE' });
    if (!call.ok) return [call.status, { status: 'error', message: call.message }];
    const put = resolveOption(ctx, { ...b, offset: 'ATM', option_type: 'PE' });
    if (!put.ok) return [put.status, { status: 'error', message: put.message }];
    const strike = ctx.market.info(call.exchange, call.symbol)!.strike;
    const c = ctx.market.quote(call.exchange, call.symbol)!.ltp;
    const p = ctx.market.quote(put.exchange, put.symbol)!.ltp;
    return [200, { status: 'success', underlying: b.underlying, underlying_ltp: call.ltp, expiry: b.expiry_date, atm_strike: strike, synthetic_future_price: round(strike + c - p, 2) }];
  },
};
