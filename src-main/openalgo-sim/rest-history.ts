import { sessionOn, type Segment } from '#calendar/nse-calendar';
import { createRandom } from '#core/random';
import { istDateFromKey, istDateKey, istParts } from '#core/time-ist';
import { jsonRaw, rawReply, type Reply as AnyReply } from './http-answers.ts';
import { HistorySchema } from './schemas/data.ts';
import { pyErrorRepr, errorTreeJson } from './marshmallow/py-repr.ts';
import { r2, type DataContext } from './rest-account.ts';
import { unknownSymbol } from './rest-market.ts';
import type { Reply } from './rest-orders.ts';

/**
 * Historical candles (`history_service`, `restx_api/ticker.py`). Bars exist only inside NSE sessions
 * from the project's calendar: no bar on a weekend or a listed holiday (10 Nov 2026, Diwali
 * Balipratipada, has none), F&O bars run to 15:40 from 3 Aug 2026. A range without a session is an
 * empty `data` list, as a broker returns it.
 */
type Body = Record<string, unknown>;

const INTERVAL_MS: Readonly<Record<string, number>> = { '1m': 60_000, '3m': 180_000, '5m': 300_000, '10m': 600_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, D: 86_400_000 };
const DERIVATIVES = new Set(['NFO', 'BFO', 'CDS', 'BCD', 'MCX']);
const MAX_BARS = 20_000;
const DAY_MS = 86_400_000;

/** Bar start times inside the sessions of [from, to] (IST dates), never after `now`. */
function barTimes(fromKey: string, toKey: string, step: number, daily: boolean, segment: Segment, now: number): number[] {
  const times: number[] = [];
  for (let day = istDateFromKey(fromKey); day <= istDateFromKey(toKey) && times.length < MAX_BARS; day += DAY_MS) {
    const session = sessionOn(istDateKey(day), segment);
    if (!session || session.open > now) continue;
    if (daily) {
      times.push(day);
      continue;
    }
    for (let t = session.open; t < session.close && t <= now && times.length < MAX_BARS; t += step) {
      if (!session.breaks?.some((b) => t >= b.from && t < b.to)) times.push(t);
    }
  }
  return times;
}

/** Seeded candles ending at the instrument's current price, so a chart joins the live ticks. */
export function candles(ctx: DataContext, exchange: string, symbol: string, interval: string, fromKey: string, toKey: string): Record<string, unknown>[] {
  const last = ctx.market.quote(exchange, symbol)!.ltp;
  const step = INTERVAL_MS[interval]!;
  const times = barTimes(fromKey, toKey, step, interval === 'D', DERIVATIVES.has(exchange) ? 'fno' : 'equity', ctx.clock.now());
  let seed = ctx.seed;
  for (const c of `${exchange}:${symbol}:${interval}:${fromKey}`) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) | 0;
  const rnd = createRandom(seed);
  const vol = interval === 'D' ? 0.01 : 0.001 * Math.sqrt(step / 60_000);
  const closes = new Array<number>(times.length);
  let price = last;
  for (let i = times.length - 1; i >= 0; i--) {
    closes[i] = price;
    price = price / (1 + vol * rnd.normal());
  }
  const index = exchange === 'NSE_INDEX' || exchange === 'BSE_INDEX';
  return times.map((t, i) => {
    const close = closes[i]!;
    const open = i > 0 ? closes[i - 1]! : close * (1 + vol * rnd.normal() * 0.5);
    const wiggle = Math.abs(vol * rnd.normal()) * close;
    return {
      close: r2(close), high: r2(Math.max(open, close) + wiggle), low: r2(Math.min(open, close) - wiggle), oi: 0, open: r2(open),
      timestamp: Math.floor(t / 1000), volume: index ? 0 : rnd.int(1000, 100_000),
    };
  });
}

/** What the broker module does after the service found the symbol: bars, or its own refusal (HTTP 500). */
function fetchBars(ctx: DataContext, b: Body): Reply {
  if (!ctx.market.quote(b.exchange as string, b.symbol as string)) return [400, { status: 'error', message: unknownSymbol(b.symbol, b.exchange) }];
  if (!INTERVAL_MS[b.interval as string]) return [500, { status: 'error', message: `Unsupported timeframe: ${String(b.interval)}` }];
  return [200, { status: 'success', data: candles(ctx, b.exchange as string, b.symbol as string, b.interval as string, b.start_date as string, b.end_date as string) }];
}

export function history(ctx: DataContext, b: Body): Reply {
  if (b.source === 'db') return [404, { status: 'error', message: `No data found for ${b.symbol}:${b.exchange} interval ${b.interval} in local database. Download data first using Historify.` }];
  return fetchBars(ctx, b);
}

/** `validate_and_adjust_date_range`: at most ten years for D/W/M, thirty days otherwise. */
function clampStart(start: string, end: string, interval: string): string {
  const maxDays = ['D', 'W', 'M'].includes(interval.toUpperCase()) ? 3650 : 30;
  const earliest = istDateKey(istDateFromKey(end) - maxDays * DAY_MS);
  return start < earliest ? earliest : start;
}

function tickerLine(exchange: string, symbol: string, interval: string, c: Record<string, unknown>): string {
  const ist = istParts((c.timestamp as number) * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${ist.year}-${p(ist.month)}-${p(ist.day)}`;
  const when = interval.toUpperCase() === 'D' ? date : `${date},${p(ist.hour)}:${p(ist.minute)}:${p(ist.second)}`;
  return `${exchange}:${symbol},${when},${c.open},${c.high},${c.low},${c.close},${c.volume}`;
}

/**
 * `GET /ticker/<EXCHANGE:SYMBOL>?apikey=&interval=&from=&to=&format=json|txt`: the history schema on
 * query parameters (an absent one is None: "Field may not be null."), then history or plain text.
 */
export function ticker(ctx: DataContext & { readonly apiKey: string }, q: Body): AnyReply {
  const txt = String(q.format ?? 'json').toLowerCase() === 'txt';
  const text = (status: number, body: string): AnyReply => rawReply(status, body, 'text/plain');
  const parts = String(q.symbol).split(':');
  const [exchange, symbol] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['NSE', 'RELIANCE'];
  const input = { apikey: q.apikey ?? null, symbol, exchange, interval: q.interval ?? 'D', start_date: q.from ?? null, end_date: q.to ?? null };
  const loaded = HistorySchema.load(input);
  if (!loaded.ok) return txt ? text(400, pyErrorRepr(loaded.errors)) : jsonRaw(400, 'jsonify', { status: 'error', message: errorTreeJson(loaded.errors) });
  const d = loaded.data;
  if (d.apikey !== ctx.apiKey || ctx.sessionExpired()) return txt ? text(403, 'Invalid openalgo apikey\n') : jsonRaw(403, 'jsonify', { status: 'error', message: 'Invalid openalgo apikey' });
  const start = clampStart(d.start_date as string, d.end_date as string, d.interval as string);
  if (!ctx.market.quote(exchange, symbol)) {
    const message = `Could not find instrument token for ${exchange}:${symbol}`;
    return txt ? text(500, message) : jsonRaw(500, 'jsonify', { status: 'error', message });
  }
  const [status, body] = fetchBars(ctx, { ...d, start_date: start });
  if (status !== 200) return txt ? text(status, String(body.message)) : jsonRaw(status, 'jsonify', body);
  // The ticker hands over the broker's frame as is: no `oi` column added (unlike /history).
  const rows = (body.data as Record<string, unknown>[]).map(({ oi: _oi, ...row }) => row);
  if (txt) return text(200, rows.map((c) => tickerLine(exchange, symbol, d.interval as string, c)).join('\n'));
  return jsonRaw(200, 'jsonify', { status: 'success', data: rows });
}
