import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { botId } from '#model/ids';
import { black76Price } from '#options/black';
import { FakeMarket, T0, niftyFuture, niftyOption } from '../test-support.ts';
import { valueLegs, type BookLeg, type ValuedLeg } from '../valuation.ts';
import type { DailyHistory } from '../var/historical.ts';
import { stressCatalog } from './catalog.ts';
import { stressReportHtml } from './report-html.ts';
import { runStress } from './run-stress.ts';

const R = 0.0525;

function valued(legs: BookLeg[], market: FakeMarket, ts = T0): ValuedLeg[] {
  const v = valueLegs(legs, market, R, ts);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}

/** The trader long 1 lot of NIFTY futures at 23,100; bot `hedger` long 1 lot of the deep ITM 26,000 put. */
function hedgedBook(): ValuedLeg[] {
  const market = new FakeMarket();
  market.spots.set('NIFTY', 23_000);
  const put = niftyOption(26_000, 'PE');
  market.ivs.set(put.id, 0.15);
  return valued(
    [
      { instrument: niftyFuture(), quantity: 65, mark: 23_100 },
      { instrument: put, botId: botId('hedger'), quantity: 65, mark: 2_990 },
    ],
    market,
  );
}

const byId = (rows: ReturnType<typeof runStress>['rows'], id: string) => rows.find((r) => r.id === id)!;

describe('stress scenarios, hand-checked', () => {
  const legs = hedgedBook();
  const report = runStress(legs, stressCatalog({ legs, ts: T0, vixNow: 14 }), T0);

  it('gap downs: the future loses 65 × 23,100 × x %, the deep ITM put gains 65 × 23,000 × x % (no time value left)', () => {
    for (const [id, pct] of [['gap-down-3', 3], ['gap-down-5', 5], ['gap-down-8', 8]] as const) {
      const row = byId(report.rows, id);
      // 1 501 500 × 3 % = 45 045; the put: K·e^{−rT} − S moves one for one with spot: 1 495 000 × 3 % = 44 850.
      expect(row.byBot.manual).toBeCloseTo((-1_501_500 * pct) / 100, 2);
      expect(row.byBot.hedger).toBeCloseTo((1_495_000 * pct) / 100, 0);
      expect(row.pnl).toBeCloseTo((-6_500 * pct) / 100, 0);
    }
    expect(byId(report.rows, 'gap-down-8').byBot.manual).toBeCloseTo(-120_120, 2);
  });

  it('VIX +10/+20 leave the future alone and add only the small time value of the put (Black-76 at the higher IV)', () => {
    const T = (istToEpoch(2026, 3, 17, 15, 30) - T0) / 60_000 / 525_600;
    const F = 23_000 * Math.exp(R * T);
    for (const [id, points] of [['vix-up-10', 10], ['vix-up-20', 20]] as const) {
      const row = byId(report.rows, id);
      expect(row.byBot.manual).toBe(0);
      const expected = 65 * (black76Price('PE', F, 26_000, T, R, 0.15 + points / 100) - black76Price('PE', F, 26_000, T, R, 0.15));
      expect(row.byBot.hedger).toBeCloseTo(expected, 6);
      expect(row.byBot.hedger).toBeLessThan(200);
    }
  });

  it('the COVID day without stored history uses the recorded −12.98 % and VIX to 71.6, and says so', () => {
    const row = byId(report.rows, 'covid-2020-03-23');
    expect(row.source).toBe('recorded figures');
    expect(row.byBot.manual).toBeCloseTo(-1_501_500 * 0.1298, 2); // −194 894.70
    expect(row.description).toContain('+57.6 points from 14');
  });

  it('election and Budget days use the recorded figures without history, and the stored closes with it', () => {
    expect(byId(report.rows, 'election-2024-06-04').byBot.manual).toBeCloseTo(-1_501_500 * 0.0593, 2); // −89 038.95
    expect(byId(report.rows, 'budget-2020-02-01').byBot.manual).toBeCloseTo(-1_501_500 * 0.0251, 2); // −37 687.65
    const history: DailyHistory = {
      underlyings: { NIFTY: [{ date: '2024-06-03', close: 23_263.9 }, { date: '2024-06-04', close: 21_884.5 }] },
      vix: [{ date: '2024-06-03', close: 20.94 }, { date: '2024-06-04', close: 26.74 }],
    };
    const replay = runStress(legs, stressCatalog({ legs, ts: T0, vixNow: 14, history }), T0);
    const row = byId(replay.rows, 'election-2024-06-04');
    expect(row.source).toBe('stored history');
    expect(row.byBot.manual).toBeCloseTo(1_501_500 * (21_884.5 / 23_263.9 - 1), 2);
    expect(byId(replay.rows, 'budget-2020-02-01').source).toBe('recorded figures');
  });

  it('whipsaw takes the worse swing: −2 % for a long future (−30 030)', () => {
    const row = byId(report.rows, 'whipsaw');
    expect(row.byBot.manual).toBeCloseTo(-30_030, 2);
    expect(row.move).toBe('whipsaw −2 %');
  });

  it('reports the worst scenario and each owner', () => {
    expect(report.owners).toEqual(['hedger', 'manual']);
    expect(report.worst.id).toBe('covid-2020-03-23');
    expect(report.rows.some((r) => r.id === 'expiry-pin')).toBe(false);
  });
});

describe('expiry-day pin', () => {
  it('values a long straddle expiring today at nothing when spot pins its strike: the premium is lost', () => {
    const expiry = istToEpoch(2026, 3, 17, 15, 30);
    const ts = istToEpoch(2026, 3, 17, 14, 0);
    const market = new FakeMarket();
    market.spots.set('NIFTY', 23_040);
    const ce = niftyOption(23_000, 'CE', expiry);
    const pe = niftyOption(23_000, 'PE', expiry);
    market.ivs.set(ce.id, 0.2);
    market.ivs.set(pe.id, 0.2);
    const legs = valued(
      [
        { instrument: ce, botId: botId('buyer'), quantity: 65, mark: 60 },
        { instrument: pe, botId: botId('buyer'), quantity: 65, mark: 20 },
      ],
      market,
      ts,
    );
    const pin = stressCatalog({ legs, ts, vixNow: 14 }).find((s) => s.id === 'expiry-pin')!;
    expect(pin.description).toContain('NIFTY at 23000');
    const row = runStress(legs, [pin], ts).rows[0]!;
    const T = 90 / 525_600;
    const F = 23_040 * Math.exp(R * T);
    const premium = 65 * (black76Price('CE', F, 23_000, T, R, 0.2) + black76Price('PE', F, 23_000, T, R, 0.2));
    expect(row.pnl).toBeCloseTo(-premium, 6);
    expect(premium).toBeGreaterThan(65 * 40);
  });
});

describe('HTML export', () => {
  it('is one page with a row per scenario, escaped text and no script', () => {
    const legs = hedgedBook();
    const report = runStress(legs, stressCatalog({ legs, ts: T0, vixNow: 14 }), T0);
    const html = stressReportHtml(report, 'Book <A> & B');
    expect(html).toContain('<title>Book &#60;A&#62; &#38; B</title>');
    expect(html.match(/<tr>/g)).toHaveLength(report.rows.length + 1);
    expect(html).toContain('−₹1,20,120');
    expect(html).not.toMatch(/<script/i);
  });
});
