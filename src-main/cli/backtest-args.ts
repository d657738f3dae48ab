import fs from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { BACKTEST_BOTS, BACKTEST_UNDERLYINGS, backtestRequestSchema, type BacktestRequest } from '#backtest/types';

/** The options `npm run backtest` and `npm run walkforward` share: what to run, on what, with which fills. */
export const REQUEST_OPTIONS = {
  request: { type: 'string' },
  bots: { type: 'string' },
  params: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  underlyings: { type: 'string' },
  'sim-seed': { type: 'string' },
  history: { type: 'string' },
  'option-prices': { type: 'string' },
  seed: { type: 'string' },
  capital: { type: 'string' },
  timing: { type: 'string' },
  'slippage-ticks': { type: 'string' },
  'spread-ticks': { type: 'string' },
  'latency-ms': { type: 'string' },
  'max-share': { type: 'string' },
} as const;

export const REQUEST_HELP = `  --request FILE      a JSON request (the options below change it); without it they make one
  --bots A,B          bots to run: ${BACKTEST_BOTS.join(', ')} (default all four)
  --params JSON       parameters per bot, e.g. '{"short-straddle":{"targetPct":30}}' (missing ones: defaults)
  --from D, --to D    first and last IST trading day, YYYY-MM-DD (required without --request)
  --underlyings A,B   ${BACKTEST_UNDERLYINGS.join(', ')} (default NIFTY,BANKNIFTY)
  --sim-seed N        the simulated market's seed (default 1)
  --history FILE      replay the history cache in this SQLite file instead (e.g. data/terminal.sqlite)
  --option-prices P   with --history: imported (default: legs from the intraday option bars in that file,
                      else chains from its imported bhavcopies, else the model) or model (every chain from
                      the model surface)
  --seed N            seeds the paper broker's latency and random slippage (default 1)
  --capital R         starting capital in rupees (default 5000000)
  --timing T          next-tick (default) or next-bar
  --slippage-ticks N  ticks against every fill (default 0)
  --spread-ticks N    quote every instrument with this spread instead of its own
  --latency-ms A-B    order round trip, uniform between A and B ms (default 0)
  --max-share X       at most this share (0–1] of a displayed level per order (default 1)`;

type Values = Partial<Record<keyof typeof REQUEST_OPTIONS, string>>;

const int = (name: string, raw: string): Result<number, string> => (/^\d+$/.test(raw) ? ok(Number(raw)) : err(`--${name} must be a whole number, got ${raw}`));

/** The request the options describe, checked by the backtest's own schema (every problem names its field). */
export function requestFromOptions(v: Values, readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8'), resolvePath: (typed: string) => string = (p) => p): Result<BacktestRequest, string> {
  let base: Record<string, unknown> = {};
  if (v.request !== undefined) {
    let text: string;
    try {
      text = readFile(v.request);
    } catch (e) {
      return err(`cannot read --request ${v.request}: ${(e as Error).message}`);
    }
    try {
      base = z.record(z.string(), z.unknown()).parse(JSON.parse(text));
    } catch {
      return err(`--request ${v.request} is not a JSON object`);
    }
  }
  const out: Record<string, unknown> = { ...base };
  let params: Record<string, Record<string, unknown>> = {};
  if (v.params !== undefined) {
    const parsed = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(safeJson(v.params));
    if (!parsed.success) return err(`--params must be a JSON object of bot → parameters, e.g. '{"short-straddle":{"targetPct":30}}'`);
    params = parsed.data;
  }
  if (v.bots !== undefined || base.bots === undefined) {
    const ids = v.bots !== undefined ? v.bots.split(',').map((s) => s.trim()) : [...BACKTEST_BOTS];
    out.bots = ids.map((id) => ({ id, params: params[id] ?? {} }));
  } else if (v.params !== undefined) {
    out.bots = (base.bots as { id: string; params?: Record<string, unknown> }[]).map((b) => ({ ...b, params: { ...b.params, ...params[b.id] } }));
  }
  if (v.from !== undefined) out.from = v.from;
  if (v.to !== undefined) out.to = v.to;
  if (v.underlyings !== undefined) out.underlyings = v.underlyings.split(',').map((s) => s.trim());
  if (v.history !== undefined && v['sim-seed'] !== undefined) return err('give --history or --sim-seed, not both: the market is either recorded or simulated');
  if (v.history !== undefined) out.data = { kind: 'history', database: v.history };
  else if (v['sim-seed'] !== undefined || base.data === undefined) {
    const seed = int('sim-seed', v['sim-seed'] ?? '1');
    if (!seed.ok) return seed;
    out.data = { kind: 'simulator', seed: seed.value };
  }
  if (v['option-prices'] !== undefined) {
    const data = out.data as Record<string, unknown> | undefined;
    if (data?.kind !== 'history') return err('--option-prices needs --history: the simulated market has no imported option data');
    out.data = { ...data, optionPrices: v['option-prices'] };
  }
  for (const [name, key] of [['seed', 'seed'], ['capital', 'capital']] as const) {
    const raw = v[name];
    if (raw === undefined) continue;
    const n = int(name, raw);
    if (!n.ok) return n;
    out[key] = n.value;
  }
  const fills: Record<string, unknown> = { ...(base.fills as Record<string, unknown> | undefined) };
  if (v.timing !== undefined) fills.timing = v.timing;
  if (v['slippage-ticks'] !== undefined) {
    const n = int('slippage-ticks', v['slippage-ticks']);
    if (!n.ok) return n;
    fills.slippage = { kind: 'ticks', ticks: n.value };
  }
  if (v['spread-ticks'] !== undefined) {
    const n = int('spread-ticks', v['spread-ticks']);
    if (!n.ok) return n;
    fills.spread = { kind: 'ticks', ticks: n.value };
  }
  if (v['latency-ms'] !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v['latency-ms']);
    if (!m) return err(`--latency-ms must be N or A-B in milliseconds, got ${v['latency-ms']}`);
    fills.latencyMs = { min: Number(m[1]), max: Number(m[2] ?? m[1]) };
  }
  if (v['max-share'] !== undefined) {
    const x = Number(v['max-share']);
    if (!Number.isFinite(x)) return err(`--max-share must be a number in (0, 1], got ${v['max-share']}`);
    fills.partial = { maxShareOfLevel: x };
  }
  out.fills = fills;
  if (out.from === undefined || out.to === undefined) return err('give the range: --from YYYY-MM-DD --to YYYY-MM-DD (or a --request file with "from" and "to")');
  const parsed = backtestRequestSchema.safeParse(out);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; '));
  const r = parsed.data;
  return ok(r.data.kind === 'history' ? { ...r, data: { ...r.data, database: resolvePath(r.data.database) } } : r);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
