import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateFromKey } from '#core/time-ist';
import { DEFAULT_CONFIG } from '#config/defaults';
import { roundToTick } from '#model/instrument';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { importCsv } from '#market/history/csv-import';
import { nseCalendar } from '#market/session-calendar';
import { black76Price } from '#options/black';
import { nearestStrike, type OptionChain } from '#options/chain';
import { yearsToExpiry } from '#options/expiry';
import { DEFAULT_SURFACE, surfaceVol } from '#options/surface';
import { BOT_DEFINITIONS, type AnyBotDefinition } from '#engine/bots/definitions';
import { htmlReport } from './html-report.ts';
import { lookAheadDifferences } from './look-ahead.ts';
import { optionBars } from './option-bars-fixture.ts';
import { recordSimulatorHistory } from './record-history.ts';
import { runBacktest } from './run-backtest.ts';
import type { BacktestDeps, BacktestRequestInput, BacktestResult } from './types.ts';

/**
 * Backtests priced from imported option closes. The seeded simulator's NIFTY of 23–26 Nov 2026 (24 Nov is
 * a holiday) is recorded into a history cache with India VIX held at 14 on 23 Nov and 15.4 from 25 Nov, and
 * the test writes a synthetic bhavcopy (never NSE's data) of the 1 and 8 Dec expiries priced at a flat 25 % vol,
 * far from the model surface's ~17 %, and imports it as a user would. A short straddle trades 25–26 Nov.
 * Two more files add 1-minute bars of D's 1 Dec contracts (`optionBars`) at a flat 35 %, one of them with
 * every bar ending after 13:00 at 90 %.
 */
const D = '2026-11-25';
const NEXT = '2026-11-26';
const D_1 = nseCalendar.previousTradingDay(D);
const EXPIRY = '2026-12-01';
/** The engine quotes the two nearest expiries: the bhavcopy holds both. */
const EXPIRIES = [EXPIRY, '2026-12-08'];
const expiryTs = (key: string): number => istDateFromKey(key) + (15 * 60 + 30) * 60_000;
const VIX_BEFORE = 14;
const VIX_AFTER = 15.4;
const r = DEFAULT_CONFIG.risk.rate;
let dir: string;
const db = { base: '', dRows: '', dPrevChanged: '', intraday: '', intradayAltered: '' };
/** Intraday bars of D's 1 Dec contracts are priced at this vol; in the altered file, those ending after CUTOFF at 90 %. */
const LIVE_VOL = 0.35;
const CUTOFF = istDateFromKey(D) + 13 * 3_600_000;

const HEAD = 'TradDt,BizDt,Sgmt,Src,FinInstrmTp,FinInstrmId,ISIN,TckrSymb,SctySrs,XpryDt,FininstrmActlXpryDt,StrkPric,OptnTp,FinInstrmNm,OpnPric,HghPric,LwPric,ClsPric,LastPric,PrvsClsgPric,UndrlygPric,SttlmPric,OpnIntrst,ChngInOpnIntrst,TtlTradgVol,TtlTrfVal,TtlNbOfTxsExctd,SsnId,NewBrdLotQty,Rmks,Rsvd1,Rsvd2,Rsvd3,Rsvd4';

/** A bhavcopy of `day` for the 1 and 8 Dec NIFTY options, closes at Black-76 with `vol` around that day's last NIFTY close. */
function bhavcopy(file: string, day: string, vol: number): string {
  const sqlite = new Database(file, { readonly: true });
  const session = nseCalendar.sessionOn(day, 'fno')!;
  const spot = (sqlite.prepare("SELECT close FROM bars WHERE instrument_id = 'NSE_INDEX:NIFTY' AND timeframe = '1m' AND ts_start < ? ORDER BY ts_start DESC LIMIT 1").get(session.close) as { close: number }).close;
  sqlite.close();
  const lines = [HEAD];
  for (const expiry of EXPIRIES) {
    const T = yearsToExpiry(session.close, expiryTs(expiry), 'calendar');
    const F = spot * Math.exp(r * T);
    const atm = Math.round(F / 50) * 50;
    for (let n = -15; n <= 15; n++) {
      const K = atm + 50 * n;
      for (const right of ['CE', 'PE'] as const) {
        const close = roundToTick(black76Price(right, F, K, T, r, vol), 0.05);
        lines.push(`${day},${day},FO,NSE,IDO,1,,NIFTY,,${expiry},${expiry},${K}.00,${right},x,${close},${close},${close},${close},${close},${close},${spot},${close},1000,0,500,0,0,F1,65,,,,,`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** 1-minute bars of D's 1 Dec calls and puts, 20 strikes each side of the open, priced at `vol` on the file's own NIFTY. */
function intradayBars(file: string, vol: (ts: number) => number): void {
  const sqlite = new Database(file);
  const session = nseCalendar.sessionOn(D, 'fno')!;
  const closes = new Map((sqlite.prepare("SELECT ts_start AS ts, close FROM bars WHERE instrument_id = 'NSE_INDEX:NIFTY' AND timeframe = '1m' AND ts_start >= ? AND ts_start < ?").all(session.open, session.close) as { ts: number; close: number }[]).map((b) => [b.ts + 60_000, b.close]));
  const last = Math.max(...closes.keys());
  const spot = (ts: number): number => closes.get(Math.min(ts, last))!;
  const atm = Math.round(spot(session.open + 60_000) / 50) * 50;
  const strikes = Array.from({ length: 41 }, (_, i) => atm + 50 * (i - 20));
  createSqliteBarCache(sqlite).save(optionBars({ underlying: 'NIFTY', exchange: 'NFO', expiry: EXPIRY, expiryTs: expiryTs(EXPIRY), session, timeframe: '1m', strikes, r, spot, vol: (_, ts) => vol(ts) }), 'csv');
  sqlite.close();
}

function importInto(file: string, text: string): void {
  const sqlite = new Database(file);
  const imported = importCsv(text, { format: 'nse-fo-bhavcopy' }, createSqliteBarCache(sqlite));
  sqlite.close();
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imported-chains-'));
  db.base = path.join(dir, 'base.sqlite');
  await recordSimulatorHistory({ file: db.base, seed: 8, from: D_1, to: NEXT, underlyings: ['NIFTY'] });
  const sqlite = new Database(db.base);
  const setVix = sqlite.prepare("UPDATE bars SET open = ?, high = ?, low = ?, close = ? WHERE instrument_id = ? AND timeframe = '1m' AND ts_start >= ? AND ts_start < ?");
  setVix.run(VIX_BEFORE, VIX_BEFORE, VIX_BEFORE, VIX_BEFORE, VIX_ID, istDateFromKey(D_1), istDateFromKey(D));
  setVix.run(VIX_AFTER, VIX_AFTER, VIX_AFTER, VIX_AFTER, VIX_ID, istDateFromKey(D), istDateFromKey('2026-11-27'));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  db.dRows = path.join(dir, 'd-rows.sqlite');
  db.dPrevChanged = path.join(dir, 'd-1-changed.sqlite');
  fs.copyFileSync(db.base, db.dPrevChanged);
  importInto(db.dPrevChanged, bhavcopy(db.base, D_1, 0.3));
  importInto(db.base, bhavcopy(db.base, D_1, 0.25));
  fs.copyFileSync(db.base, db.dRows);
  importInto(db.dRows, bhavcopy(db.base, D, 0.4));
  db.intraday = path.join(dir, 'intraday.sqlite');
  db.intradayAltered = path.join(dir, 'intraday-altered.sqlite');
  fs.copyFileSync(db.base, db.intraday);
  fs.copyFileSync(db.base, db.intradayAltered);
  intradayBars(db.intraday, () => LIVE_VOL);
  intradayBars(db.intradayAltered, (ts) => (ts > CUTOFF ? 0.9 : LIVE_VOL));
}, 200_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = (database: string): BacktestRequestInput => ({
  bots: [{ id: 'short-straddle', params: { underlyings: ['NIFTY'], ivPercentileMin: 0, targetPct: 5, stopLossPct: 5, checkEveryMinutes: 1, maxDirectionStrength: 1 } }],
  underlyings: ['NIFTY'],
  from: D,
  to: NEXT,
  data: { kind: 'history', database },
  // The quoted price itself, no spread: an entry fills at the chain's price.
  fills: { spread: { kind: 'ticks', ticks: 0 } },
  warmupSessions: 0,
});

interface Entry {
  readonly chain: OptionChain;
  readonly atm: number;
}

/** The real straddle, noting the chain it saw each time it entered. */
function watching(entries: Entry[]): BacktestDeps {
  const real = BOT_DEFINITIONS['short-straddle'];
  const onBar = real.hooks.onBar!;
  const def: AnyBotDefinition = {
    ...real,
    hooks: {
      ...real.hooks,
      onBar: (bar, ctx) => {
        const out = onBar(bar, ctx);
        const chain = ctx.chain('NIFTY', EXPIRY);
        if (out.intents.length > 0 && chain) entries.push({ chain, atm: nearestStrike(chain.rows, chain.spot)! });
        return out;
      },
    },
  };
  return { botDefinitions: { 'short-straddle': def } };
}

async function run(database: string, entries: Entry[] = []): Promise<BacktestResult> {
  const r = await runBacktest(request(database), watching(entries));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const dayOf = (ts: number): string => new Date(ts + 5.5 * 3_600_000).toISOString().slice(0, 10);

describe('backtests price options from imported bhavcopies, point in time', () => {
  let base: BacktestResult;
  const entries: Entry[] = [];

  beforeAll(async () => {
    base = await run(db.base, entries);
  }, 400_000);

  it('prices a day from the previous session’s smile, scaled by VIX, and a day without imports from the model', () => {
    const none = (expiry: string) => ({ chain: `NIFTY ${expiry}`, reason: `no imported bhavcopy rows of this expiry on ${D}` });
    expect(base.optionPricing).toEqual([
      { day: D, source: 'imported', imported: EXPIRIES.map((e) => `NIFTY ${e}`), modelled: [], intraday: [] },
      { day: NEXT, source: 'model', imported: [], modelled: EXPIRIES.map(none), intraday: [] },
    ]);
    // The report says it too, with the reason.
    expect(htmlReport(base)).toContain(`<td class="l t">${NEXT}</td><td class="l">model</td><td class="l"></td><td class="l">NIFTY ${EXPIRY}: no imported bhavcopy rows of this expiry on ${D};`);
    const first = entries.find((e) => dayOf(e.chain.ts) === D);
    expect(first).toBeDefined();
    const { chain, atm } = first!;
    const T = yearsToExpiry(chain.ts, chain.expiryTs, 'calendar');
    const vol = 0.25 * (VIX_AFTER / VIX_BEFORE);
    const legs = base.trades.filter((t) => t.entryTs >= chain.ts && t.entryTs < chain.ts + 60_000 && t.instrumentId.includes(`${atm}`));
    expect(legs.map((t) => t.instrumentId.slice(-2)).sort()).toEqual(['CE', 'PE']);
    const premium = legs.reduce((s, t) => s + t.entryPrice, 0);
    const smile = black76Price('CE', chain.forward!, atm, T, r, vol) + black76Price('PE', chain.forward!, atm, T, r, vol);
    const model = (['CE', 'PE'] as const).reduce((s, right) => s + black76Price(right, chain.forward!, atm, T, r, surfaceVol({ ...DEFAULT_SURFACE, vix: VIX_AFTER }, chain.forward!, atm, T)), 0);
    // Within a tick a leg (each leg's quote is rounded to ₹0.05), and nowhere near the model's price.
    expect(Math.abs(premium - smile)).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(Math.abs(premium - model)).toBeGreaterThan(20);
  });

  it('the day without imports prices its chain from the model surface', () => {
    expect(base.optionPricing![1]!.source).toBe('model');
    const later = entries.find((e) => dayOf(e.chain.ts) === NEXT);
    expect(later).toBeDefined();
    const { chain, atm } = later!;
    const T = yearsToExpiry(chain.ts, chain.expiryTs, 'calendar');
    const ce = chain.rows.find((row) => row.strike === atm)!.ce!;
    // The model's vol (to the spot of the chain's last reprice), not the smile's 27.5 %.
    expect(ce.iv).toBeCloseTo(surfaceVol({ ...DEFAULT_SURFACE, vix: VIX_AFTER }, chain.forward!, atm, T), 4);
  });

  it('changing day D’s bhavcopy leaves day D alone; changing D-1’s changes it', async () => {
    const withD = await run(db.dRows);
    expect(lookAheadDifferences(base, withD, D)).toEqual([]);
    // D's rows do price the next day: the data was read, just not before its time.
    expect(withD.optionPricing![1]!.source).toBe('imported');
    const changedPrev = await run(db.dPrevChanged);
    expect(lookAheadDifferences(base, changedPrev, D).length).toBeGreaterThan(0);
  }, 600_000);

  it('the same request gives byte-identical results', async () => {
    expect(base.optionPricing![0]!.source).toBe('imported');
    const again = await run(db.base);
    expect(JSON.stringify(again)).toBe(JSON.stringify(base));
  }, 400_000);

  it('legs with intraday bars are priced from their last ended bar; bars ending after t leave every entry before t alone', async () => {
    const seen: Entry[] = [];
    const live = await run(db.intraday, seen);
    const d = live.optionPricing![0]!.intraday!.find((c) => c.chain === `NIFTY ${EXPIRY}`)!;
    expect(d).toMatchObject({ contracts: 82, timeframes: ['1m'] });
    // Only instants before a bar of the session has ended can be not live (a backtest prices a chain when a
    // bot reads it, when a leg is held, and in the session's last minutes, so there may be none).
    expect(d.live).toBeGreaterThan(0.99 * d.reprices);
    expect(d.fallbacks).toEqual(d.live === d.reprices ? [] : [{ reason: 'no bar of its contracts had ended yet this session', reprices: d.reprices - d.live }]);
    // The file's NIFTY has a bar every minute: every live reprice is on the market's forward, and the bars, priced on
    // the index × e^{rT}, give a basis between e^{rT} at the day's last and first reprice (parity of ₹0.05 closes moves it a little).
    expect(d.carry).toMatchObject({ reprices: d.live, fallbacks: [] });
    const session = nseCalendar.sessionOn(D, 'fno')!;
    expect(d.carry!.basis!.min).toBeGreaterThan(Math.exp(r * yearsToExpiry(session.close, expiryTs(EXPIRY), 'calendar')) - 2e-5);
    expect(d.carry!.basis!.max).toBeLessThan(Math.exp(r * yearsToExpiry(session.open, expiryTs(EXPIRY), 'calendar')) + 2e-5);
    const first = seen.find((e) => dayOf(e.chain.ts) === D)!;
    const T = yearsToExpiry(first.chain.ts, first.chain.expiryTs, 'calendar');
    const legs = live.trades.filter((t) => t.entryTs >= first.chain.ts && t.entryTs < first.chain.ts + 60_000 && t.instrumentId.includes(`${first.atm}`));
    const premium = legs.reduce((s, t) => s + t.entryPrice, 0);
    const atLive = (['CE', 'PE'] as const).reduce((s, right) => s + black76Price(right, first.chain.forward!, first.atm, T, r, LIVE_VOL), 0);
    // Each close is rounded to ₹0.05 and priced on the index of its minute: within a few ticks of the live vol's price, far from the smile's.
    const atSmile = (['CE', 'PE'] as const).reduce((s, right) => s + black76Price(right, first.chain.forward!, first.atm, T, r, 0.25 * (VIX_AFTER / VIX_BEFORE)), 0);
    expect(legs).toHaveLength(2);
    expect(Math.abs(premium - atLive)).toBeLessThan(0.5);
    expect(Math.abs(premium - atSmile)).toBeGreaterThan(20);

    const altered = await run(db.intradayAltered);
    const entries = (x: BacktestResult) => x.trades.filter((t) => t.entryTs <= CUTOFF).map((t) => [t.entryTs, t.instrumentId, t.quantity, t.entryPrice]);
    expect(entries(altered)).toEqual(entries(live));
    expect(entries(live).length).toBeGreaterThan(0);
    // After t the altered bars are read: the straddle entered at 12:35 leaves at another time or price.
    expect(JSON.stringify(altered.trades)).not.toBe(JSON.stringify(live.trades));
  }, 400_000);
});
