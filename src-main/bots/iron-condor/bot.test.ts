import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Intent } from '#model/intent';
import { botContract } from '../contract/contract-suite.ts';
import { SELLER_POLICY } from '../sellers/seller-actions.ts';
import { BotHarness, type HarnessOptions } from '../testing/harness.ts';
import { script, TEST_DAY, WEEKLY, type DayScript } from '../testing/nifty-script.ts';
import { dailyCycle, move, quiet, step } from '../testing/paths.ts';
import { ironCondor } from './bot.ts';
import type { CondorParams } from './params.ts';

/**
 * Scripted markets (testing/nifty-script.ts): NIFTY ≈ 25,010 on 2026-08-19, weekly expiry 2026-08-25,
 * India VIX 21 against 60 days cycling 18–24 (IV percentile 50.8), quiet daily history (ATR 0.81 %).
 */
const QUIET = quiet(25_010);
const MID_VIX = { vix: 21, vixHistory: dailyCycle(60, 18, 24) };
const day = (d: Partial<DayScript> = {}): DayScript => ({ spot: QUIET, ...MID_VIX, ...d });
const options = (d: DayScript, params: Record<string, unknown> = {}, extra: Partial<HarnessOptions<CondorParams>> = {}): HarnessOptions<CondorParams> => ({
  market: script(d),
  params: { underlyings: ['NIFTY'], ...params },
  historyDays: 1,
  ...extra,
});
const run = (d: DayScript, params: Record<string, unknown> = {}, until = '14:30', extra: Partial<HarnessOptions<CondorParams>> = {}, dayIndex = 1) =>
  new BotHarness(ironCondor, options(d, params, extra)).runUntil(dayIndex, until);
const at = (hh: number, mm: number, date = TEST_DAY) => istToEpoch(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8)), hh, mm);
const entries = (h: BotHarness<CondorParams, unknown>) => h.signals.filter((s) => s.rule === 'iron-condor/entry');
const opens = (h: BotHarness<CondorParams, unknown>) => h.intents.filter((i): i is Extract<Intent, { kind: 'enter-structure' }> => i.kind === 'enter-structure');
const filtered = (h: BotHarness<CondorParams, unknown>): string => {
  expect(opens(h)).toEqual([]);
  const s = entries(h)[0]!;
  expect(s.decision.kind).toBe('filtered');
  return s.decision.reason;
};

botContract('iron condor', {
  def: ironCondor,
  scenario: options(day({ vix: step(21, 13, 20) })),
  cold: { ...options(day()), historyDays: 0 },
});

describe('iron condor: entry', () => {
  it('buys the ~10 Δ wings and sells the ~20 Δ shorts of the nearest weekly, wings first, wings 2–3 % of spot out', () => {
    const h = run(day(), {}, '09:30');
    expect(opens(h)).toEqual([
      {
        kind: 'enter-structure',
        intentId: 'in-1',
        botId: 'bot-under-test',
        structure: 'iron-condor',
        product: 'NRML',
        legs: [
          { instrumentId: 'NFO:NIFTY25AUG2623800PE', side: 'BUY', quantity: 65, type: 'LIMIT', limitPrice: 34.75 },
          { instrumentId: 'NFO:NIFTY25AUG2626200CE', side: 'BUY', quantity: 65, type: 'LIMIT', limitPrice: 15.7 },
          { instrumentId: 'NFO:NIFTY25AUG2624350PE', side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 91.6 },
          { instrumentId: 'NFO:NIFTY25AUG2625650CE', side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 80.55 },
        ],
        policy: SELLER_POLICY,
        reason: 'iron-condor: iron condor 1 lot(s) NIFTY 23800/24350/25650/26200 2026-08-25, wings first',
      },
    ]);
    const chain = h.chain('NIFTY', WEEKLY, at(9, 30))!;
    const q = (k: number, r: 'CE' | 'PE') => chain.rows.find((x) => x.strike === k)![r === 'CE' ? 'ce' : 'pe']!;
    expect([q(23_800, 'PE').ask, q(26_200, 'CE').ask, q(24_350, 'PE').bid, q(25_650, 'CE').bid]).toEqual([34.75, 15.7, 91.6, 80.55]);
    expect(Math.abs(q(24_350, 'PE').delta! + 0.2)).toBeLessThan(0.02);
    expect(Math.abs(q(25_650, 'CE').delta! - 0.2)).toBeLessThan(0.02);
    const [signal] = entries(h);
    expect(signal!.decision.reason).toMatch(/^iron condor 1 lot\(s\) NIFTY 23800\/24350\/25650\/26200 2026-08-25 for 121\.7 credit \(.*IV percentile 50\.8 is in \(40, 70\).*range-bound: daily ATR 0\.81 % < 1 %, Bollinger inside Keltner/);
    expect(signal!.inputs).toMatchObject({ shortPut: 24_350, wingPut: 23_800, shortCall: 25_650, wingCall: 26_200, credit: 121.7, skewBias: 'puts richer: downside priced higher' });
    expect(signal!.inputs.winProbability).toBeCloseTo(1 - (q(25_650, 'CE').delta! - q(24_350, 'PE').delta!), 3);
    expect(signal!.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^PE wing: the 0\.1 Δ wing 23950 is 1\.60 % of spot from the short; moved to 23800 \(2\.20 %\)/)]));
    h.runUntil(1, '09:31');
    expect(h.state).toMatchObject({ positions: [{ phase: 'open', credit: 121.7, structure: 'iron-condor' }] });
  });

  describe('filters, each on its own path', () => {
    it('IV percentile not between 40 and 70 (India VIX 24, then 19)', () => {
      expect(filtered(run(day({ vix: 24 }), {}, '09:30'))).toBe('IV percentile 83.6 not in (40, 70) (india-vix, 61 days)');
      expect(filtered(run(day({ vix: 19 }), {}, '09:30'))).toBe('IV percentile 18.0 not in (40, 70) (india-vix, 61 days)');
    });

    it('not range-bound: daily ATR 1 % of spot or more', () => {
      expect(filtered(run(day({ indexHistory: dailyCycle(30, 24_000, 26_000) }), {}, '09:30'))).toMatch(/^not range-bound: daily ATR 3\.09 % ≥ 1 %, /);
    });

    it('not range-bound: daily ATR under 1 % but a steady 30-day climb keeps Bollinger wide and outside Keltner', () => {
      const climb = Array.from({ length: 30 }, (_, i) => 23_560 + 50 * i);
      expect(filtered(run(day({ indexHistory: climb }), {}, '09:30'))).toMatch(/^not range-bound: daily ATR 0\.\d\d % < 1 %, bandwidth \d\.\d\d % ≥ 4 % and not inside Keltner$/);
    });

    it('a leg wider than 2 % bid-ask: at India VIX 13.5 the 2 % call wing costs a few rupees', () => {
      expect(filtered(run(day({ vix: 13.5, vixHistory: undefined }), {}, '09:30'))).toBe('illiquid: 26000 CE spread 3.39 % ≥ 2 %');
    });

    it('no strike in the wing-width band on the chain', () => {
      expect(filtered(run(day({ chain: { strikesEachSide: 12 } }), {}, '09:30'))).toBe('no PE strike 2–3 % of spot beyond the 24450 short on the chain');
    });

    it('no OI from the broker', () => {
      expect(filtered(run(day({ chain: { oi: 'none' } }), {}, '09:30'))).toBe('the broker sends no open interest, so OI > 5000 cannot be checked (oiMissing = block)');
    });

    it('expiry day after 13:00', () => {
      expect(filtered(run(day({ date: WEEKLY }), { entryStart: '13:00', minDaysToExpiry: 0 }, '13:00'))).toMatch(/^NIFTY expiry day: no new short premium from 13:00/);
    });

    it('an event day with 1 lot', () => {
      expect(filtered(run(day(), { eventDays: [{ date: TEST_DAY, name: 'Budget' }] }, '09:30'))).toBe('event day (Budget): 1 lot(s) × 0.5 = 0: nothing to trade');
    });

    it('margin (the maximum loss) beyond the allocation', () => {
      expect(filtered(run(day(), {}, '09:30', { capital: { allocation: 20_000 } }))).toBe('margin ≈ ₹27840 (max loss: widest wing less credit) > ₹20000 allocation free');
    });
  });
});

describe('iron condor: exits, each on its own path', () => {
  const exitOf = (h: BotHarness<CondorParams, unknown>) => h.signals.filter((s) => s.kind === 'exit');

  it('at once when spot crosses a breakeven (a 900-point gap at 09:32)', () => {
    const h = run(day({ spot: move(QUIET, 16, 17, 900), chain: { strikesEachSide: 60 } }), {}, '09:40');
    const [exit] = exitOf(h);
    expect(exit).toMatchObject({ rule: 'iron-condor/breakeven', tsEvent: at(9, 33) });
    expect(exit!.decision.reason).toMatch(/^spot 259\d\d\.\d\d crossed the upper breakeven 25771\.70$/);
  });

  it('stop at a loss of 100 % of the credit (India VIX 21 → 40 at 09:35)', () => {
    const h = run(day({ vix: step(21, 40, 20) }), { testedDelta: 0.9 }, '09:40');
    expect(exitOf(h).map((s) => [s.rule, s.tsEvent, s.decision.reason])).toEqual([['iron-condor/stop', at(9, 36), 'stop: loss 156.80 ≥ 100 % of the 121.7 credit']]);
  });

  it('take profit at 50 % of the maximum profit (India VIX 21 → 13 at 09:35)', () => {
    const h = run(day({ vix: step(21, 13, 20) }), {}, '09:40');
    expect(exitOf(h).map((s) => [s.rule, s.tsEvent, s.decision.reason])).toEqual([['iron-condor/take-profit', at(9, 36), 'take profit: 85.98 ≥ 50 % of the 121.7 maximum profit']]);
  });

  it('time exit at 15:15 on expiry day (entered the day before with narrow wings; spot drifts next to the 25350 call)', () => {
    const h = run(
      day({ date: '2026-08-24', following: [{ spot: move(quiet(25_010, 5), 0, 120, 335), vix: 21 }] }),
      { minDaysToExpiry: 0, wingWidthMinPct: 0.5, wingWidthMaxPct: 1.5, takeProfitPct: 95, stopLossPct: 400, testedDelta: 0.9 },
      '15:20',
      {},
      2,
    );
    expect(opens(h)).toHaveLength(1);
    expect(exitOf(h).map((s) => [s.rule, s.tsEvent, s.decision.reason])).toEqual([['iron-condor/time-exit', at(15, 15, WEEKLY), 'expiry day time exit at 15:15']]);
  });
});

describe('iron condor: a tested side rolls the untested side closer (spot +450 from 09:31 to 10:31)', () => {
  const UP = move(QUIET, 16, 76, 450);

  it('once: exit, then the condor with the put side 24100/24650 re-entered; no second roll while the call side stays tested', () => {
    const h = run(day({ spot: UP }), {}, '11:00');
    const adjust = h.signals.filter((s) => s.kind === 'adjustment');
    expect(adjust.map((s) => [s.rule, s.tsEvent])).toEqual([
      ['iron-condor/adjust', at(10, 17)],
      ['iron-condor/roll-reentry', at(10, 18)],
    ]);
    expect(adjust[0]!.decision.reason).toBe(
      'CE side tested (short delta 0.35 ≥ 0.35): rolling the PE side 23800/24350 → 24100/24650 (exit, then re-enter long 24100 PE, short 24650 PE, long 26200 CE, short 25650 CE)',
    );
    expect(opens(h)[1]!.legs.map((l) => [l.instrumentId, l.side, l.limitPrice])).toEqual([
      ['NFO:NIFTY25AUG2624100PE', 'BUY', 34.6],
      ['NFO:NIFTY25AUG2626200CE', 'BUY', 44.7],
      ['NFO:NIFTY25AUG2624650PE', 'SELL', 90.25],
      ['NFO:NIFTY25AUG2625650CE', 'SELL', 175.35],
    ]);
    expect(h.state).toMatchObject({ positions: [{ phase: 'open', adjustments: 1, rolledFor: 'CE' }] });
    // It continues the closed condor, so the bot manager lets it through a pause or a regime that holds back new positions.
    expect(opens(h)[0]!.continues).toBeUndefined();
    expect(opens(h)[1]!.continues).toBe('st-1'); // the first condor's structure, as the harness numbers them
  });

  it('within the entry window only: a roll whose exit closes after it gives the re-entry up, and says so', () => {
    const h = run(day({ spot: UP }), { entryEnd: '10:00' }, '11:00');
    const adjust = h.signals.filter((s) => s.kind === 'adjustment');
    expect(adjust.map((s) => [s.rule, s.tsEvent, s.decision.kind])).toEqual([
      ['iron-condor/adjust', at(10, 17), 'taken'],
      ['iron-condor/roll-reentry', at(10, 18), 'filtered'],
    ]);
    expect(adjust[1]!.decision.reason).toBe('rolled legs not re-entered (the entry window closed at 10:00); the position stays closed');
    expect(opens(h)).toHaveLength(1);
    expect(h.state).toEqual({ positions: [] });
  });

  it('a dip of the tested delta just under the line does not start a new test; one by the margin does', () => {
    // After the roll (10:17) spot dips DIP points from 10:50 to 10:55 and comes back by 11:05.
    const DIP = 150;
    const dipped = move(move(UP, 95, 100, -DIP), 105, 110, DIP);
    const rolls = (params: Record<string, unknown>) =>
      run(day({ spot: dipped }), { maxAdjustments: 5, ...params }, '11:30')
        .signals.filter((s) => s.rule === 'iron-condor/adjust' && s.decision.kind === 'taken')
        .map((s) => s.tsEvent);
    expect(rolls({})).toEqual([at(10, 17)]);
    expect(rolls({ retestMarginDelta: 0 })).toEqual([at(10, 17), at(11, 3)]);
  });

  it('says once, and does nothing, when no adjustment is allowed', () => {
    const h = run(day({ spot: UP }), { maxAdjustments: 0 }, '11:00');
    const adjust = h.signals.filter((s) => s.kind === 'adjustment');
    expect(adjust.map((s) => s.decision)).toEqual([{ kind: 'filtered', reason: 'CE side tested (short delta 0.35 ≥ 0.35) but 0 adjustment(s) already made (maximum 0)' }]);
    expect(h.intents).toHaveLength(1);
  });
});
