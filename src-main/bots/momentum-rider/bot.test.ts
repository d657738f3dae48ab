import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { SignalDirection } from '#model/signal';
import { botContract } from '../contract/contract-suite.ts';
import { burst, ramp, wave } from '../buyers/testing/buyer-paths.ts';
import { withModels } from '../buyers/testing/with-models.ts';
import { available } from '../signals/source.ts';
import { BotHarness, type HarnessOptions } from '../testing/harness.ts';
import { script, TEST_DAY, WEEKLY, type DayScript } from '../testing/nifty-script.ts';
import { quiet } from '../testing/paths.ts';
import { momentumRider } from './bot.ts';
import type { RiderParams } from './params.ts';
import type { RiderState } from './state.ts';

/**
 * Scripted NIFTY markets near 25,000 on Wednesday 2026-08-19 (history: a quiet day before; nearest weekly
 * 2026-08-25; lot 65; India VIX 17). The base path swings ±20 points every hour while drifting down
 * 0.1 point a minute: falling swing highs, a resistance line through them. At 11:40 a two-bar burst:
 * +50 points in the 11:40 bar, +140 (+0.56 %) in the 11:45 bar, which closes at 11:50 above the line.
 */
const BASE = wave(25_000, 20, 60, -0.1);
const AT = 145;
const BURST = burst(BASE, AT, 50, 140);

/** An ML model that agrees with every rule signal at `score` (or points `direction`). */
const ml = (score: number, direction?: SignalDirection) => ({ ml: { evaluate: (r: { direction: SignalDirection }) => available('ml', direction ?? r.direction, score, `stub ${score}`) } });
const WITH_ML = withModels(momentumRider, ml(0.9));

const day = (d: Partial<DayScript> = {}): DayScript => ({ spot: BURST, previous: quiet(25_000), ...d });
const options = (d: Partial<DayScript> = {}, params: Record<string, unknown> = {}, extra: Partial<HarnessOptions<RiderParams>> = {}): HarnessOptions<RiderParams> => ({
  market: script(day(d)),
  params: { underlyings: ['NIFTY'], ...params },
  historyDays: 1,
  ...extra,
});
const run = (d: Partial<DayScript> = {}, params: Record<string, unknown> = {}, until = '11:50', def = WITH_ML) => new BotHarness(def, options(d, params)).runUntil(1, until);
const at = (hh: number, mm: number, date = TEST_DAY) => istToEpoch(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8)), hh, mm);
type H = BotHarness<RiderParams, RiderState>;
const entries = (h: H) => h.signals.filter((s) => s.rule === 'momentum-rider/entry');
const exits = (h: H) => h.signals.filter((s) => s.kind === 'exit');
const buys = (h: H) => h.intents.filter((i) => i.kind === 'place');

botContract('momentum rider', {
  def: momentumRider,
  scenario: options({ spot: ramp(BURST, 160, -120, 5) }, { minCombinedScore: 0.45 }),
  cold: { ...options({}, { minCombinedScore: 0.45 }), historyDays: 0 },
});

describe('momentum rider: entry', () => {
  it('on a 0.56 % 5-minute move with its confirmations buys 2 strikes OTM of the nearest weekly at the ask, sized by risk', () => {
    const h = run();
    const chain = h.chain('NIFTY', WEEKLY, at(11, 50))!;
    expect(chain.rows.find((r) => r.strike === 25_300)!.ce!.ask).toBe(199.35);
    expect(buys(h)).toEqual([
      { kind: 'place', intentId: 'in-1', botId: 'bot-under-test', instrumentId: 'NFO:NIFTY25AUG2625300CE', side: 'BUY', quantity: 325, type: 'LIMIT', product: 'MIS', limitPrice: 199.35, reason: 'momentum-rider: bought 5 lot(s) NIFTY 2026-08-25 25300 CE' },
    ]);
    const [s] = entries(h);
    expect(s).toMatchObject({ tsEvent: at(11, 50), direction: 'long', kind: 'entry', intentIds: ['in-1'] });
    expect(s!.strength).toBeCloseTo(0.677, 3);
    expect(s!.decision.reason).toMatch(
      /^bought 5 lot\(s\) NIFTY 2026-08-25 25300 CE at 199\.35 \(5m move \+0\.559 % beyond ±0\.45 %; 11:50 inside the entry window 09:30–15:15 .*; India VIX 17\.00 < 30; 0 similar open position\(s\) \(NIFTY long\), fewer than 2 allowed; .*; 25300 CE bid-ask 0\.53 % < 2 %; 5 lot\(s\): risk 1 % of ₹20,00,000 × 1\.2 \(strength 0\.68 ≥ 0\.65\) × 1\.1 \(ML confidence above 0\.7\) = ₹26,400 over ₹4,535 a lot at the 35 % stop\)$/,
    );
    expect(s!.inputs).toMatchObject({ atmStrike: 25_200, strike: 25_300, otmStrikes: 2, premium: 199.35, lots: 5, lotSize: 65, sizeMultiplier: 1.32, stopPct: 35, trendlineScore: 1, fvgScore: 1, momentumScore: 0.667 });
    expect(s!.sources.map((x) => [x.source, x.status, x.direction])).toEqual([
      ['ml', 'ok', 'long'],
      ['technical', 'ok', 'long'],
      ['priceAction', 'ok', 'neutral'],
      ['confirmation', 'ok', 'long'],
    ]);
    expect(s!.notes).toEqual(
      expect.arrayContaining([
        "primary signal volume > 2× the 20-bar average: not applicable, NSE_INDEX:NIFTY bars carry no volume (an index trades none and no futures volume is in the bot's context); the rule is not applied (volumeMissing = not-applicable)",
        expect.stringMatching(/^confirmation layer "volume sustained over 3 bars": not applicable/),
      ]),
    );
    h.runUntil(1, '11:51');
    expect(h.state.positions).toMatchObject([{ phase: 'open', entryPremium: 199.35, stopPct: 35, direction: 'long', legs: [{ strike: 25_300, right: 'CE', quantity: 325 }] }]);
  });

  it('without an ML model the same move is filtered: price action is not actionable and the combined score stays below 0.65', () => {
    const h = run({}, {}, '11:50', momentumRider);
    const [s] = entries(h);
    expect(buys(h)).toEqual([]);
    expect(s!.decision).toEqual({ kind: 'filtered', reason: expect.stringMatching(/^combined score 0\.5\d < 0\.65$/) });
    expect(s!.notes).toContain('ML source not-available (no ML model installed): stop and size without the ML rules (no tighter stop, no ML multiplier)');
    expect(s!.inputs).toMatchObject({ stopPct: 50, sizeMultiplier: 1 });
  });

  it('a strong signal buys 1 strike OTM and sizes × 1.5 (strong line lowered to 0.65 to reach it without price action)', () => {
    const h = run({}, { strongStrength: 0.65 });
    expect(buys(h)).toMatchObject([{ instrumentId: 'NFO:NIFTY25AUG2625250CE' }]);
    expect(entries(h)[0]!.inputs).toMatchObject({ strike: 25_250, otmStrikes: 1, sizeMultiplier: 1.65 });
  });

  it('ML confidence above the high line tightens the stop to 35 % and sizes × 1.1; at or below it neither applies', () => {
    const h = run({}, {}, '11:50', withModels(momentumRider, ml(0.95)));
    expect(entries(h)[0]!.inputs).toMatchObject({ stopPct: 35, sizeMultiplier: 1.32 });
    const lower = run({}, { mlHighConfidence: 0.95 }, '11:50', withModels(momentumRider, ml(0.95)));
    expect(entries(lower)[0]!.inputs).toMatchObject({ stopPct: 50, sizeMultiplier: 1.2 });
  });

  it('ML pointing the other way: the regime validator refuses the trade before its × 0.6 size could apply', () => {
    const h = run({}, {}, '11:50', withModels(momentumRider, ml(0.9, 'short')));
    expect(buys(h)).toEqual([]);
    expect(entries(h)[0]!.decision.reason).toMatch(/ML short 0\.90 short of long 0\.5 \(ranging\)/);
    expect(entries(h)[0]!.inputs).toMatchObject({ sizeMultiplier: 0.6, stopPct: 50 });
  });

  it('sizes the lots of the contract on that date: 75 units for a December 2025 weekly', () => {
    const h = new BotHarness(WITH_ML, options({ date: '2025-12-17' })).runUntil(1, '11:50');
    const [buy] = buys(h);
    expect(buy!.quantity % 75).toBe(0);
    expect(entries(h)[0]!.inputs).toMatchObject({ lotSize: 75, expiry: '2025-12-23' });
  });
});

describe('momentum rider: filters, each on its own path', () => {
  const filtered = (h: H): string => {
    expect(buys(h)).toEqual([]);
    const [s] = entries(h);
    expect(s!.decision.kind).toBe('filtered');
    return s!.decision.reason;
  };

  it('no evaluation without a move above 0.45 % (a 0.40 % bar)', () => {
    expect(entries(run({ spot: burst(BASE, AT, 50, 100) }))).toEqual([]);
  });

  it('the first 15 minutes: the burst closes at 09:25', () => {
    expect(filtered(run({ spot: burst(BASE, 0, 50, 140) }, {}, '09:25'))).toMatch(/^09:25 outside the entry window 09:30–15:15/);
  });

  it('the last 15 minutes: the burst closes at 15:20', () => {
    expect(filtered(run({ spot: burst(BASE, 355, 50, 140) }, {}, '15:20'))).toMatch(/^15:20 outside the entry window 09:30–15:15/);
  });

  it('India VIX at or above 30', () => {
    expect(filtered(run({ vix: 31 }))).toMatch(/^India VIX 31\.00 ≥ 30; /);
    expect(filtered(run({}, { maxVix: 17 }))).toBe('India VIX 17.00 ≥ 17');
  });

  it('similar open positions: a second burst while the first position is held', () => {
    const h = run({ spot: ramp(BURST, 160, 130, 5, 0.5) }, { maxSimilarPositions: 1 }, '12:05');
    expect(buys(h)).toHaveLength(1);
    expect(entries(h)[1]!.decision).toEqual({ kind: 'filtered', reason: '1 similar open position(s) (NIFTY long), fewer than 1 allowed' });
  });

  it('volume: an index has none, so with volumeMissing = block there is no entry', () => {
    expect(filtered(run({}, { volumeMissing: 'block' }))).toMatch(/^primary signal volume > 2× the 20-bar average cannot be checked: NSE_INDEX:NIFTY bars carry no volume .* \(volumeMissing = block\)$/);
  });
});

describe('momentum rider: exits, each on its own path', () => {
  const exitOf = (h: H, rule: string) => {
    const [s] = exits(h);
    expect(s).toMatchObject({ rule: `momentum-rider/${rule}`, decision: { kind: 'taken' } });
    expect(buys(h)).toHaveLength(1);
    expect(h.intents.filter((i) => i.kind === 'flatten')).toEqual([
      { kind: 'flatten', intentId: 'in-2', botId: 'bot-under-test', instrumentId: buys(h)[0]!.instrumentId, reason: expect.stringMatching(/^momentum-rider: /) },
    ]);
    expect(s!.intentIds).toEqual(['in-2']);
    return s!;
  };

  it('stop at −35 % of premium (ML confidence high): NIFTY falls 250 points in 3 minutes', () => {
    const s = exitOf(run({ spot: ramp(BURST, 155, -250, 3) }, {}, '12:00'), 'stop');
    expect(s.tsEvent).toBe(at(11, 52));
    expect(s.decision.reason).toMatch(/^premium [\d.]+ is down 3\d\.\d % from 199\.35 \(stop 35 %\)/);
  });

  it('trailing stop once the premium has gained 50 %: up 400 points, then back 150', () => {
    const s = exitOf(run({ spot: ramp(ramp(BURST, 155, 400, 4), 158, -150, 5) }, {}, '12:10'), 'trailing-stop');
    expect(s.decision.reason).toMatch(/^premium [\d.]+ is at or below [\d.]+, 20 % under its best [\d.]+ \(\+\d+\.\d %, trailing from \+50 %\)/);
  });

  it('time stop after 30 minutes', () => {
    const s = exitOf(run({ spot: ramp(BURST, 155, 0, 1, 0.6) }, { reversalMovePct: 5 }, '12:30'), 'time-stop');
    expect(s.tsEvent).toBe(at(12, 21));
    expect(s.decision.reason).toMatch(/^held 30 minutes \(time stop 30\)/);
  });

  it('momentum reversal: a 5-minute bar 0.3 % against the position', () => {
    const s = exitOf(run({ spot: ramp(BURST, 155, -75, 5, 0) }, {}, '12:05'), 'reversal');
    expect(s.tsEvent).toBe(at(11, 55));
    expect(s.decision.reason).toMatch(/^momentum reversed: a 5m move of -0\.\d{3} % against the long position \(≥ 0\.25 %\)$/);
  });

  it('momentum reversal: the 5-minute MACD histogram turning against the position as the burst fades', () => {
    const s = exitOf(run({ spot: ramp(BURST, 155, 0, 1, 0.6) }, { reversalMovePct: 5, timeStopMinutes: 375 }, '14:00'), 'reversal');
    expect(s.decision.reason).toMatch(/^momentum reversed: the 5m MACD histogram turned to -\d+\.\d\d, against the long position$/);
    expect(s.inputs.macdHistogram).toBeLessThan(0);
  });

  it('expiry day: a position in the contract expiring today is closed at 15:15 by the playbook', () => {
    // Entered at 11:50 on the expiry day, then a slowly accelerating climb; the time stop and reversals are set aside.
    const spot = BURST.map((v, i) => (i < 155 ? v : Math.round((BURST[154]! + 0.004 * (i - 154) ** 2) * 20) / 20));
    const h = new BotHarness(WITH_ML, options({ date: '2026-08-25', spot }, { timeStopMinutes: 375, reversalMovePct: 5, reversalOnMacd: false })).runUntil(1, '15:25');
    expect(buys(h)[0]!.instrumentId).toBe('NFO:NIFTY25AUG2625300CE');
    const s = exitOf(h, 'time-exit');
    expect(s).toMatchObject({ tsEvent: at(15, 15, '2026-08-25'), decision: { reason: 'expiry day time exit at 15:15' } });
  });

  it('closed by 15:20: an entry at 15:10 is held no later', () => {
    const s = exitOf(run({ spot: ramp(burst(BASE, 345, 50, 140), 355, 0, 1, 0.6) }, { reversalMovePct: 5 }, '15:25'), 'flat-by');
    expect(s.tsEvent).toBe(at(15, 20));
  });
});
