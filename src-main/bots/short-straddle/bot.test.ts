import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Intent } from '#model/intent';
import { botContract } from '../contract/contract-suite.ts';
import { SELLER_POLICY } from '../sellers/seller-actions.ts';
import { BotHarness, type HarnessOptions } from '../testing/harness.ts';
import { climbing, script, TEST_DAY, WEEKLY, type DayScript } from '../testing/nifty-script.ts';
import { move, quiet, step } from '../testing/paths.ts';
import { shortStraddle } from './bot.ts';
import type { StraddleParams } from './params.ts';

/** Scripted markets (testing/nifty-script.ts): NIFTY ≈ 25,010 on 2026-08-19, weekly expiry 2026-08-25, India VIX 17 at the 98th percentile. */
const QUIET = quiet(25_010);
const options = (day: DayScript, params: Record<string, unknown> = {}, extra: Partial<HarnessOptions<StraddleParams>> = {}): HarnessOptions<StraddleParams> => ({
  market: script(day),
  params: { underlyings: ['NIFTY'], ...params },
  historyDays: 1,
  ...extra,
});
const run = (day: DayScript, params: Record<string, unknown> = {}, until = '14:30', extra: Partial<HarnessOptions<StraddleParams>> = {}) =>
  new BotHarness(shortStraddle, options(day, params, extra)).runUntil(1, until);
const at = (hh: number, mm: number, date = TEST_DAY) => istToEpoch(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8)), hh, mm);
const entries = (h: BotHarness<StraddleParams, unknown>) => h.signals.filter((s) => s.rule === 'short-straddle/entry');
const opens = (h: BotHarness<StraddleParams, unknown>) => h.intents.filter((i): i is Extract<Intent, { kind: 'enter-structure' }> => i.kind === 'enter-structure');

botContract('short straddle', {
  def: shortStraddle,
  scenario: options({ spot: move(QUIET, 16, 60, 800) }),
  cold: { ...options({ spot: QUIET }), historyDays: 0 },
});

describe('short straddle: entry', () => {
  it('sells 1 lot of the ATM CE and PE of the nearest weekly at 09:30, at the bid, when IV percentile is above 72', () => {
    const h = run({ spot: QUIET }, {}, '09:30');
    const chain = h.chain('NIFTY', WEEKLY, at(9, 30))!;
    const row = chain.rows.find((r) => r.strike === 25_000)!;
    expect(opens(h)).toEqual([
      {
        kind: 'enter-structure',
        intentId: 'in-1',
        botId: 'bot-under-test',
        structure: 'straddle',
        product: 'NRML',
        legs: [
          { instrumentId: 'NFO:NIFTY25AUG2625000CE', side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 266.7 },
          { instrumentId: 'NFO:NIFTY25AUG2625000PE', side: 'SELL', quantity: 65, type: 'LIMIT', limitPrice: 223.75 },
        ],
        policy: SELLER_POLICY,
        reason: 'short-straddle: sold 1 lot(s) NIFTY 25000 straddle 2026-08-25',
      },
    ]);
    expect([row.ce!.bid, row.pe!.bid]).toEqual([266.7, 223.75]);
    const [signal] = entries(h);
    expect(signal).toMatchObject({ tsEvent: at(9, 30), kind: 'entry', direction: 'neutral', instrumentId: 'NSE_INDEX:NIFTY', intentIds: ['in-1'] });
    expect(signal!.decision.kind).toBe('taken');
    expect(signal!.decision.reason).toMatch(/^sold 1 lot\(s\) NIFTY 25000 straddle 2026-08-25 at 490\.45 .*IV percentile 98\.4 is > 72 \(india-vix, 61 days\)/);
    expect(signal!.inputs).toMatchObject({ spot: chain.spot, atmStrike: 25_000, expiry: WEEKLY, ceBid: 266.7, peBid: 223.75, lots: 1, lotSize: 65, ivSource: 'india-vix' });
    expect(signal!.sources.map((s) => [s.source, s.status, s.effectiveWeight])).toEqual([
      ['ml', 'not-available', 0],
      ['technical', 'ok', 0.6],
      ['priceAction', 'ok', 0.4],
      ['confirmation', 'not-applicable', 0],
    ]);
    expect(signal!.notes).toEqual(
      expect.arrayContaining([
        'IV percentile from India VIX daily closes instead of NIFTY ATM IV (0 days of NIFTY ATM IV recorded)',
        'IV percentile over 61 of 252 days (history is short)',
        expect.stringMatching(/^weights renormalised over technical, priceAction/),
      ]),
    );
    h.runUntil(1, '09:31');
    expect(h.state).toMatchObject({ positions: [{ phase: 'open', credit: 490.45, structureId: 'st-1', expiry: WEEKLY }] });
  });

  it('checks every 5 minutes from 09:30 to 14:30 only, each check a signal with its reason', () => {
    const h = run({ spot: QUIET, vix: 12 }, {}, '15:29');
    const times = entries(h).map((s) => s.tsEvent);
    expect(times).toHaveLength(61);
    expect(times[0]).toBe(at(9, 30));
    expect(times.at(-1)).toBe(at(14, 30));
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 300_000)).toBe(true);
    expect(h.intents).toEqual([]);
  });

  it('does not check while it holds a position on the underlying', () => {
    const h = run({ spot: QUIET });
    expect(entries(h)).toHaveLength(1);
  });

  describe('filters, each on its own path', () => {
    const filtered = (h: BotHarness<StraddleParams, unknown>) => {
      const s = entries(h);
      expect(opens(h)).toEqual([]);
      expect(s[0]!.decision.kind).toBe('filtered');
      return s[0]!.decision.reason;
    };

    it('IV percentile at or below 72 (India VIX 12)', () => {
      expect(filtered(run({ spot: QUIET, vix: 12 }, {}, '09:30'))).toBe('IV percentile 16.4 not > 72 (india-vix, 61 days)');
    });

    it('IV percentile unavailable: five days of VIX history against a minimum of 20', () => {
      expect(filtered(run({ spot: QUIET, vixHistory: [11, 12, 13, 14, 15] }, {}, '09:30'))).toBe('IV percentile unavailable: 0 days of ATM IV and 6 of India VIX, need 20');
    });

    it('a leg wider than 2 % bid-ask', () => {
      expect(filtered(run({ spot: QUIET, chain: { spreadScale: 8 } }, {}, '09:30'))).toMatch(/^illiquid: 25000 CE spread 4\.\d\d % ≥ 2 %; 25000 PE spread 4\.\d\d % ≥ 2 %$/);
    });

    it('OI at or below 5,000 on a leg', () => {
      expect(filtered(run({ spot: QUIET }, { minOi: 2_000_000 }, '09:30'))).toMatch(/^illiquid: 25000 CE OI 1983215 ≤ 2000000; 25000 PE OI 1995565 ≤ 2000000$/);
    });

    it('no OI from the broker blocks by default, and with oiMissing = ignore trades on the spread rule, saying so', () => {
      expect(filtered(run({ spot: QUIET, chain: { oi: 'none' } }, {}, '09:30'))).toBe('the broker sends no open interest, so OI > 5000 cannot be checked (oiMissing = block)');
      const h = run({ spot: QUIET, chain: { oi: 'none' } }, { oiMissing: 'ignore' }, '09:30');
      expect(opens(h)).toHaveLength(1);
      expect(entries(h)[0]!.notes).toContain('no OI from the broker: OI > 5000 not applied, spread < 2 % only (oiMissing = ignore)');
    });

    it('a strong directional move in the ensemble (a steady climb; threshold lowered to what this climb scores)', () => {
      const h = run({ spot: climbing(25_050, 1.2, 4, 19), previous: climbing(24_600, 1.2, 4, 19) }, { maxDirectionStrength: 0.3 }, '09:30');
      expect(filtered(h)).toMatch(/^ensemble direction long 0\.3\d > 0\.3$/);
    });

    it('a fresh structure break in price action, then an entry once it is 3 bars old', () => {
      const h = run({ spot: climbing(25_012.5, 0.3), previous: climbing(24_900, 0.3) }, { entryStart: '10:05' }, '10:20');
      const s = entries(h);
      expect(s.map((x) => [x.tsEvent, x.decision.kind])).toEqual([
        [at(10, 5), 'filtered'],
        [at(10, 10), 'filtered'],
        [at(10, 15), 'filtered'],
        [at(10, 20), 'taken'],
      ]);
      expect(s[0]!.decision.reason).toBe('fresh BOS up 0 bar(s) ago');
      expect(s[2]!.decision.reason).toBe('fresh BOS up 2 bar(s) ago');
    });

    it('expiry day: no new short premium from 13:00; before it the 0-day straddle is sold', () => {
      const late = run({ spot: QUIET, date: WEEKLY }, { entryStart: '13:00' }, '13:00');
      expect(filtered(late)).toBe('NIFTY expiry day: no new short premium from 13:00');
      const early = run({ spot: QUIET, date: WEEKLY }, {}, '09:30');
      expect(opens(early)[0]!.legs.map((l) => l.instrumentId)).toEqual(['NFO:NIFTY25AUG2625000CE', 'NFO:NIFTY25AUG2625000PE']);
    });

    it('an event day halves the size: 1 lot rounds to none, 2 lots become 1', () => {
      const eventDays = [{ date: TEST_DAY, name: 'RBI policy' }];
      expect(filtered(run({ spot: QUIET }, { eventDays }, '09:30'))).toBe('event day (RBI policy): 1 lot(s) × 0.5 = 0: nothing to trade');
      const h = run({ spot: QUIET }, { eventDays, lots: 2 }, '09:30');
      expect(opens(h)[0]!.legs.map((l) => l.quantity)).toEqual([65, 65]);
      expect(entries(h)[0]!.notes).toContain('event day (RBI policy): 2 lot(s) × 0.5 = 1');
    });

    it('margin beyond what the allocation has free', () => {
      expect(filtered(run({ spot: QUIET }, {}, '09:30', { capital: { allocation: 150_000 } }))).toBe(
        'margin ≈ ₹195159 (12 % of notional, estimated) > ₹150000 allocation free',
      );
    });
  });

  it('BANKNIFTY has no weekly expiry: the nearest monthly is used and the signal says so', () => {
    const h = new BotHarness(shortStraddle, { market: script({ spot: quiet(55_020, 30), underlying: 'BANKNIFTY' }), params: { underlyings: ['BANKNIFTY'] }, historyDays: 1 }).runUntil(1, '09:30');
    expect(opens(h)[0]!.legs.map((l) => [l.instrumentId, l.quantity])).toEqual([
      ['NFO:BANKNIFTY25AUG2655000CE', 30],
      ['NFO:BANKNIFTY25AUG2655000PE', 30],
    ]);
    expect(entries(h)[0]!.notes).toContain('BANKNIFTY has no weekly expiry: the nearest expiry (2026-08-25, monthly) is used');
  });
});

describe('short straddle: exits, each on its own path', () => {
  const exitsOf = (h: BotHarness<StraddleParams, unknown>) => h.signals.filter((s) => s.kind === 'exit');

  it('stop at a 40 % loss of the premium collected (spot +800 by 10:15)', () => {
    const h = run({ spot: move(QUIET, 16, 60, 800) }, {}, '09:58');
    const [exit] = exitsOf(h);
    expect(exit).toMatchObject({ rule: 'short-straddle/stop', tsEvent: at(9, 58), intentIds: ['in-2'] });
    expect(exit!.decision.reason).toBe('stop: loss 40.2 % of the 490.45 premium ≥ 40 %');
    expect(h.intents.at(-1)).toMatchObject({ kind: 'exit-structure', structureId: 'st-1' });
    expect(h.execution.structures()[0]!.status).toBe('closed');
  });

  it('target when 25 % of the premium is kept (India VIX 17 → 11.5 at 09:35)', () => {
    const h = run({ spot: QUIET, vix: step(17, 11.5, 20) }, {}, '09:36');
    const [exit] = exitsOf(h);
    expect(exit).toMatchObject({ rule: 'short-straddle/target', tsEvent: at(9, 36) });
    expect(exit!.decision.reason).toBe('target: 32.2 % of the 490.45 premium kept ≥ 25 %');
  });

  it('time exit at 15:15 on expiry day', () => {
    const h = run({ spot: QUIET, date: WEEKLY }, { targetPct: 95, stopLossPct: 300 }, '15:29');
    const exits = exitsOf(h);
    expect(exits.map((s) => [s.rule, s.tsEvent, s.decision.reason])).toEqual([['short-straddle/time-exit', at(15, 15, WEEKLY), 'expiry day time exit at 15:15']]);
  });

  it('an entry that execution denies is dropped; the next check evaluates afresh', () => {
    const h = run({ spot: QUIET }, {}, '09:35', { entryMode: 'deny' });
    expect(entries(h).map((s) => [s.tsEvent, s.decision.kind])).toEqual([
      [at(9, 30), 'taken'],
      [at(9, 35), 'taken'],
    ]);
  });

  it('an entry still working holds the bot; one that never became a structure is given up after 5 minutes', () => {
    expect(entries(run({ spot: QUIET }, {}, '10:30', { entryMode: 'hold' }))).toHaveLength(1);
    const lost = run({ spot: QUIET }, {}, '09:40', { entryMode: 'lose' });
    expect(entries(lost).map((s) => s.tsEvent)).toEqual([at(9, 30), at(9, 40)]);
  });

  it('stopping the bot flattens its positions, or with flattenOnStop off says they stay unmanaged', () => {
    const h = run({ spot: QUIET }, {}, '09:40');
    h.hook({ hook: 'onStop' }, at(9, 41));
    expect(h.intents.at(-1)).toMatchObject({ kind: 'flatten', reason: 'short-straddle stopped: closing its positions' });
    expect(h.signals.at(-1)).toMatchObject({ rule: 'short-straddle/stop', decision: { kind: 'taken' } });
    const keep = run({ spot: QUIET }, { flattenOnStop: false }, '09:40');
    keep.hook({ hook: 'onStop' }, at(9, 41));
    expect(keep.intents.at(-1)?.kind).toBe('enter-structure');
    expect(keep.signals.at(-1)!.decision.reason).toMatch(/stays open and is not managed/);
  });
});

describe('short straddle: delta adjustment (3 lots; spot +420 from 09:31 to 10:01)', () => {
  const UP = move(QUIET, 16, 46, 420);

  it('rolls the untested put to the strike nearest spot: exit, then the rolled strangle at 10:03', () => {
    const h = run({ spot: UP }, { lots: 3 }, '10:03');
    const adjust = h.signals.filter((s) => s.kind === 'adjustment');
    expect(adjust.map((s) => [s.rule, s.tsEvent, s.decision.reason])).toEqual([
      ['short-straddle/adjust', at(10, 2), 'net delta -102.4 beyond ±100: rolling the untested short 25000 PE to 25450 (exit, then re-enter short 25000 CE, short 25450 PE)'],
      ['short-straddle/roll-reentry', at(10, 3), 're-entered the rolled position: short 25000 CE, short 25450 PE'],
    ]);
    expect(h.intents.slice(1).map((i) => i.kind)).toEqual(['exit-structure', 'enter-structure']);
    expect(opens(h)[1]).toMatchObject({
      structure: 'strangle',
      legs: [
        { instrumentId: 'NFO:NIFTY25AUG2625000CE', side: 'SELL', quantity: 195, limitPrice: 560.2 },
        { instrumentId: 'NFO:NIFTY25AUG2625450PE', side: 'SELL', quantity: 195, limitPrice: 238.75 },
      ],
    });
    expect(h.state).toMatchObject({ positions: [{ phase: 'entering', adjustments: 1, structure: 'strangle', credit: 798.95 }] });
  });

  it('or hedges with near-month futures in whole lots', () => {
    const h = run({ spot: UP }, { lots: 3, adjustWith: 'futures' }, '10:02');
    expect(h.intents.at(-1)).toEqual({
      kind: 'place',
      intentId: 'in-2',
      botId: 'bot-under-test',
      instrumentId: 'NFO:NIFTY25AUG26FUT',
      side: 'BUY',
      quantity: 130,
      type: 'LIMIT',
      product: 'NRML',
      limitPrice: 25_595.35,
      reason: 'short-straddle: delta hedge BUY 130 NFO:NIFTY25AUG26FUT',
    });
    expect(h.state).toMatchObject({ positions: [{ hedge: { instrumentId: 'NFO:NIFTY25AUG26FUT', quantity: 130 }, adjustments: 1 }] });
  });

  it('says once, and does nothing, when the adjustments allowed are used up', () => {
    const h = run({ spot: UP }, { lots: 3, maxAdjustments: 0 }, '11:00');
    const adjust = h.signals.filter((s) => s.kind === 'adjustment');
    expect(adjust).toHaveLength(1);
    expect(adjust[0]!.decision).toEqual({ kind: 'filtered', reason: 'net delta -102.4 beyond ±100 but 0 adjustment(s) already made (maximum 0)' });
    expect(h.intents).toHaveLength(1);
  });

  it('cannot fire with one NIFTY lot: 65 units never carry a delta beyond ±100', () => {
    const h = run({ spot: UP }, {}, '11:00');
    expect(h.signals.filter((s) => s.kind === 'adjustment')).toEqual([]);
  });
});
