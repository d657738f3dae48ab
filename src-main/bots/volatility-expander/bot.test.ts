import { describe, expect, it } from 'vitest';
import { nseCalendar } from '#calendar/nse-calendar';
import { istToEpoch } from '#core/time-ist';
import type { Intent } from '#model/intent';
import { botContract } from '../contract/contract-suite.ts';
import { sawtooth, ramp, wave } from '../buyers/testing/buyer-paths.ts';
import { BotHarness, type HarnessOptions } from '../testing/harness.ts';
import { script, type DayScript } from '../testing/nifty-script.ts';
import { quiet, step } from '../testing/paths.ts';
import { volatilityExpander } from './bot.ts';
import type { ExpanderParams } from './params.ts';
import type { ExpanderState } from './state.ts';

/**
 * Scripted BANKNIFTY markets near 55,000 on Thursday 2026-08-06 (history: the day before). BANKNIFTY has
 * monthly expiries only: the August contract expires on Tuesday 2026-08-25, 19.3 days out, inside the
 * 15–25 day window (the scripted market quotes the two nearest expiries, so NIFTY's 15–25 day weeklies
 * are not quoted in these tests). India VIX 11.5 against 60 days cycling 11–16: IV percentile 16.4, IV
 * rank 8.3. Lot 30. The compression filters read 15-minute bars (one history day warms them).
 */
const DAY = '2026-08-06';
const EXPIRY = '2026-08-25';
const QUIET = quiet(55_000);
const UP = { spot: sawtooth(55_000, 20, 2), previous: sawtooth(54_950, 20, 2) };
const DOWN = { spot: sawtooth(55_000, -20, -2), previous: sawtooth(55_050, -20, -2) };

const day = (d: Partial<DayScript> = {}): DayScript => ({ spot: QUIET, date: DAY, underlying: 'BANKNIFTY', vix: 11.5, ...d });
const options = (d: Partial<DayScript> = {}, params: Record<string, unknown> = {}, extra: Partial<HarnessOptions<ExpanderParams>> = {}): HarnessOptions<ExpanderParams> => ({
  market: script(day(d)),
  params: { underlyings: ['BANKNIFTY'], setupTimeframe: '15m', ...params },
  historyDays: 1,
  capital: { allocation: 5_000_000 },
  ...extra,
});
const run = (d: Partial<DayScript> = {}, params: Record<string, unknown> = {}, until = '09:30', extra: Partial<HarnessOptions<ExpanderParams>> = {}) =>
  new BotHarness(volatilityExpander, options(d, params, extra)).runUntil(1, until);
const at = (hh: number, mm: number, date = DAY) => istToEpoch(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8)), hh, mm);
type H = BotHarness<ExpanderParams, ExpanderState>;
const entries = (h: H) => h.signals.filter((s) => s.rule === 'volatility-expander/entry');
const exits = (h: H) => h.signals.filter((s) => s.kind === 'exit');
const opening = (h: H) => h.intents.filter((i) => i.kind === 'place' || i.kind === 'enter-structure');

botContract('volatility expander', {
  def: volatilityExpander,
  scenario: options({ spot: ramp(QUIET, 60, 3_000, 10) }),
  cold: { ...options(), historyDays: 0 },
});

describe('volatility expander: entry', () => {
  it('in a squeeze with no accumulation buys the ATM straddle 19 days out at the ask, 1 lot for 1 % of capital', () => {
    const h = run();
    const chain = h.chain('BANKNIFTY', EXPIRY, at(9, 30))!;
    const row = chain.rows.find((r) => r.strike === 55_000)!;
    expect([row.ce!.ask, row.pe!.ask]).toEqual([687.3, 523.05]);
    expect(opening(h)).toEqual([
      {
        kind: 'enter-structure',
        intentId: 'in-1',
        botId: 'bot-under-test',
        structure: 'straddle',
        product: 'NRML',
        legs: [
          { instrumentId: 'NFO:BANKNIFTY25AUG2655000CE', side: 'BUY', quantity: 30, type: 'LIMIT', limitPrice: 687.3 },
          { instrumentId: 'NFO:BANKNIFTY25AUG2655000PE', side: 'BUY', quantity: 30, type: 'LIMIT', limitPrice: 523.05 },
        ],
        policy: { kind: 'complete', maxRetries: 3, chaseStepTicks: 2, chaseBandPct: 2, legTimeoutMs: 15_000 },
        reason: 'volatility-expander: bought 1 lot(s) BANKNIFTY 2026-08-25 55000 CE + 55000 PE',
      },
    ]);
    const [s] = entries(h);
    expect(s).toMatchObject({ tsEvent: at(9, 30), kind: 'entry', direction: 'neutral', instrumentId: 'NSE_INDEX:BANKNIFTY', intentIds: ['in-1'] });
    expect(s!.decision.kind).toBe('taken');
    expect(s!.decision.reason).toMatch(/^bought 1 lot\(s\) BANKNIFTY 2026-08-25 55000 CE \+ 55000 PE at 1210\.35 \(IV percentile 16\.4 < 30 \(india-vix, 61 days\); IV rank 8\.3 < 20; 15m Bollinger bandwidth 0\.080 % < 1 % of price; .*inside Keltner .*\(squeeze\); 15m ATR\(14\) 0\.079 % < 0\.5 % of price; BANKNIFTY 2026-08-25 is 19\.3 days away \(15–25\); .*1 lot\(s\): 1 % of ₹50,00,000 = ₹50,000 at ₹36,311 a lot; .*long straddle\)$/);
    expect(s!.inputs).toMatchObject({ expiry: EXPIRY, lots: 1, lotSize: 30, premiumPerUnit: 1210.35, ivPercentile: 16.39, ivRank: 8.33, ivSource: 'india-vix', squeeze: true, volumeRatioPct: null, leg1Ask: 687.3, leg2Ask: 523.05 });
    expect(s!.notes).toEqual(
      expect.arrayContaining([
        "3-day volume < 50 % of 20-day: not applicable, NSE_INDEX:BANKNIFTY bars carry no volume (an index trades none and no futures volume is in the bot's context); the rule is not applied (volumeMissing = not-applicable)",
        'session VWAP is time-weighted: the index bars carry no volume',
        expect.stringMatching(/^vega and theta aims not met by ATM or 1 strike OTM: ATM: 55000 CE vega 49\.99 > 0\.5, theta -15\.37 ≤ -0\.3; .*\(greekAims = prefer\)$/),
      ]),
    );
    h.runUntil(1, '09:31');
    expect(h.state.positions).toMatchObject([{ phase: 'open', entry: 'structure', structureId: 'st-1', entryPremium: 1210.35, direction: 'neutral', expiry: EXPIRY }]);
    expect(h.state.day).toEqual({ date: DAY, deployed: 36_310.5 });
  });

  it('with the default hourly compression bars: three quiet days warm them, then the same straddle', () => {
    const cal = nseCalendar();
    const before = [cal.previousTradingDay(cal.previousTradingDay(cal.previousTradingDay(DAY))), cal.previousTradingDay(cal.previousTradingDay(DAY))];
    const base = script(day());
    const market = { ...base, days: [...before.map((date) => ({ date, spot: QUIET, vix: 17 })), ...base.days] };
    const h = new BotHarness(volatilityExpander, { ...options(), market, params: { underlyings: ['BANKNIFTY'] }, historyDays: 3 }).runUntil(3, '09:30');
    expect(opening(h)).toMatchObject([{ kind: 'enter-structure', legs: [{ instrumentId: 'NFO:BANKNIFTY25AUG2655000CE', quantity: 30 }, { instrumentId: 'NFO:BANKNIFTY25AUG2655000PE', quantity: 30 }] }]);
    expect(entries(h)[0]!.decision.reason).toMatch(/60m Bollinger bandwidth 0\.\d{3} % < 1 % of price; 60m Bollinger .* inside Keltner .*\(squeeze\); 60m ATR\(14\) 0\.\d{3} % < 0\.5 % of price/);
  });

  it('above VWAP with accumulation buys calls, sized to whole lots of the 1 % budget', () => {
    const h = run(UP);
    expect(opening(h)).toEqual([
      { kind: 'place', intentId: 'in-1', botId: 'bot-under-test', instrumentId: 'NFO:BANKNIFTY25AUG2655000CE', side: 'BUY', quantity: 60, type: 'LIMIT', product: 'NRML', limitPrice: 682.35, reason: 'volatility-expander: bought 2 lot(s) BANKNIFTY 2026-08-25 55000 CE' },
    ]);
    expect(entries(h)[0]!.direction).toBe('long');
    expect(entries(h)[0]!.decision.reason).toMatch(/2 lot\(s\): 1 % of ₹50,00,000 = ₹50,000 at ₹20,471 a lot; close 55002\.00 above VWAP [\d.]+, money flow \+0\.\d+ > 0\.05 \(accumulation\): calls\)$/);
  });

  it('below VWAP with distribution buys puts', () => {
    const h = run(DOWN);
    expect(opening(h)).toEqual([
      { kind: 'place', intentId: 'in-1', botId: 'bot-under-test', instrumentId: 'NFO:BANKNIFTY25AUG2655000PE', side: 'BUY', quantity: 90, type: 'LIMIT', product: 'NRML', limitPrice: 528.2, reason: 'volatility-expander: bought 3 lot(s) BANKNIFTY 2026-08-25 55000 PE' },
    ]);
    expect(entries(h)[0]!.decision.reason).toMatch(/money flow -0\.\d+ < −0\.05 \(distribution\): puts\)$/);
  });

  it('checks every 15 minutes from 09:30 to 15:00, each check a signal with its reason', () => {
    const h = run({}, {}, '15:29', { capital: {} });
    const times = entries(h).map((s) => s.tsEvent);
    expect(times).toHaveLength(23);
    expect([times[0], times.at(-1)]).toEqual([at(9, 30), at(15, 0)]);
    expect(entries(h).every((s) => s.decision.kind === 'filtered' && /^no whole lot affordable: one lot costs more than 1 % of ₹20,00,000 = ₹20,000 \(₹36,\d{3} a lot\)$/.test(s.decision.reason))).toBe(true);
    expect(h.intents).toEqual([]);
  });

  it('does not buy the same contract twice, and keeps to the position cap', () => {
    const h = run(UP, { maxPositions: 1 }, '09:45');
    expect(opening(h)).toHaveLength(1);
    expect(entries(h)[1]!.decision.reason).toBe('1 position(s) open, at most 1; already holds BANKNIFTY 2026-08-25 55000 CE');
  });

  it('keeps to the per-day premium cap (an entry refused by execution gives its premium back)', () => {
    const h = run(UP, { maxDeployedPerDayPct: 1 }, '09:45');
    expect(entries(h)[1]!.decision.reason).toMatch(/no whole lot affordable: lots cut from 2 to 0: ₹9,059 left of today's 1 % \(₹50,000\)/);
    const denied = run({}, {}, '09:31', { entryMode: 'deny' });
    expect(denied.state.day).toEqual({ date: DAY, deployed: 0 });
    expect(denied.signals.at(-1)!.decision.reason).toBe('entry not made: the straddle entry ended denied');
  });
});

describe('volatility expander: filters, each on its own path', () => {
  const filtered = (h: H): string => {
    const s = entries(h);
    expect(opening(h)).toEqual([]);
    expect(s[0]!.decision.kind).toBe('filtered');
    return s[0]!.decision.reason;
  };

  it('IV percentile at or above 30 (VIX at the top of a flat year with one spike: rank stays low)', () => {
    const vixHistory = [...Array<number>(59).fill(11), 40];
    expect(filtered(run({ vixHistory }))).toBe('IV percentile 96.7 ≥ 30 (india-vix, 61 days)');
  });

  it('IV rank at or above 20 (a year high with a few low days: percentile stays low)', () => {
    const vixHistory = [...Array<number>(5).fill(8), ...Array<number>(55).fill(20)];
    expect(filtered(run({ vixHistory, vix: 11 }))).toBe('IV rank 25.0 ≥ 20');
  });

  it('IV percentile and rank unavailable: five days of VIX history against a minimum of 20', () => {
    expect(filtered(run({ vixHistory: [11, 12, 13, 14, 15] }))).toBe('IV percentile and rank unavailable: 0 days of ATM IV and 6 of India VIX, need 20');
  });

  it('no squeeze: a steady trend puts the Bollinger bands outside Keltner', () => {
    expect(filtered(run({ spot: wave(55_000, 0, 1, 1.2), previous: wave(54_550, 0, 1, 1.2) }))).toMatch(/^15m Bollinger [\d.]+–[\d.]+ not inside Keltner [\d.]+–[\d.]+ \(no squeeze\)$/);
  });

  it('ATR at or above 0.5 % of price: wide swings inside each bar that close where they began', () => {
    const swings = { spot: wave(55_000, 300, 15), previous: wave(55_000, 300, 15) };
    expect(filtered(run(swings))).toMatch(/^15m ATR\(14\) 1\.\d{3} % ≥ 0\.5 % of price$/);
  });

  it('Bollinger bandwidth at or above the limit (limit tightened below the quiet market’s 0.08 %)', () => {
    expect(filtered(run({}, { bandwidthMaxPct: 0.05 }))).toBe('15m Bollinger bandwidth 0.080 % ≥ 0.05 % of price');
  });

  it('3-day vs 20-day volume: an index has none, so with volumeMissing = block there is no entry', () => {
    expect(filtered(run({}, { volumeMissing: 'block' }))).toBe(
      "3-day volume < 50 % of 20-day cannot be checked: NSE_INDEX:BANKNIFTY bars carry no volume (an index trades none and no futures volume is in the bot's context) (volumeMissing = block)",
    );
  });

  it('no expiry 15–25 days out (2026-08-14: August is 11 days away, September 46)', () => {
    expect(filtered(run({ date: '2026-08-14' }))).toBe('no BANKNIFTY expiry 15–25 days away');
  });

  it('a leg wider than 2 % bid-ask', () => {
    expect(filtered(run({ chain: { spreadScale: 8 } }))).toMatch(/^bid-ask 55000 CE 4\.\d\d %, 55000 PE 4\.\d\d % not all < 2 %$/);
  });

  it('vega and theta aims when required: theta > −0.3 per unit is out of reach 19 days out', () => {
    expect(filtered(run({}, { greekAims: 'require' }))).toMatch(/^vega and theta aims not met \(ATM: 55000 CE vega 49\.99 > 0\.5, theta -15\.37 ≤ -0\.3; 55000 PE .*\)$/);
  });
});

describe('volatility expander: exits, each on its own path', () => {
  const exitOf = (h: H) => {
    const [s] = exits(h);
    expect(s).toBeDefined();
    expect(s!.decision.kind).toBe('taken');
    expect(h.intents.filter((i) => i.kind === 'exit-structure')).toEqual([{ kind: 'exit-structure', intentId: 'in-2', botId: 'bot-under-test', structureId: 'st-1', reason: expect.stringMatching(/^volatility-expander: /) }]);
    expect(s!.intentIds).toEqual(['in-2']);
    return s!;
  };

  it('premium up 100 %: BANKNIFTY jumps 3,000 points', () => {
    const h = run({ spot: ramp(QUIET, 60, 3_000, 10) }, {}, '10:30');
    const s = exitOf(h);
    expect(s.rule).toBe('volatility-expander/target');
    expect(s.tsEvent).toBe(at(10, 22));
    expect(s.decision.reason).toMatch(/^premium [\d.]+ is up 10\d\.\d % from 1210\.35 \(≥ 100 %\)$/);
    h.runUntil(1, '10:31');
    expect(h.state.positions).toEqual([]);
  });

  it('IV up 50 % from entry: India VIX steps from 11.5 to 18', () => {
    const s = exitOf(run({ vix: step(11.5, 18, 60) }, {}, '10:30'));
    expect(s.rule).toBe('volatility-expander/iv-expansion');
    expect(s.tsEvent).toBe(at(10, 16));
    expect(s.decision.reason).toMatch(/^IV 18\.\d\d % is up 5\d\.\d % from 11\.93 % at entry \(≥ 50 %\)$/);
    expect(s.inputs.changePct).toBeLessThan(100);
  });

  it('premium down 50 %: India VIX collapses from 11.5 to 5', () => {
    const s = exitOf(run({ vix: step(11.5, 5, 60) }, {}, '10:30'));
    expect(s.rule).toBe('volatility-expander/stop');
    expect(s.decision.reason).toMatch(/^premium [\d.]+ is down 5\d\.\d % from 1210\.35 \(≥ 50 %\)$/);
  });

  it('fewer than 5 days to expiry: held quietly from 2026-08-06 until the morning of 2026-08-21', () => {
    const cal = nseCalendar();
    const dates: string[] = [];
    for (let d = cal.nextTradingDay(DAY); d <= '2026-08-21'; d = cal.nextTradingDay(d)) dates.push(d);
    const base = script(day());
    const market = { ...base, days: [...base.days, ...dates.map((date) => ({ date, spot: QUIET.slice(0, 3), vix: 11.5 }))] };
    const h = new BotHarness(volatilityExpander, { ...options(), market, params: { underlyings: ['BANKNIFTY'], setupTimeframe: '15m', stopLossPct: 95, maxPositions: 1 } }).runUntil();
    const s = exits(h)[0]!;
    expect(s.rule).toBe('volatility-expander/expiry-near');
    expect(s.tsEvent).toBe(at(9, 16, '2026-08-21'));
    expect(s.decision.reason).toMatch(/^4\.2\d days to the 2026-08-25 expiry \(< 5\)$/);
  });
});

describe('volatility expander: stopping', () => {
  it('flattens on stop, one signal per position', () => {
    const h = run();
    h.runUntil(1, '09:31');
    h.hook({ hook: 'onStop' }, at(9, 31));
    const flatten = h.intents.at(-1) as Extract<Intent, { kind: 'flatten' }>;
    expect(flatten).toMatchObject({ kind: 'flatten', reason: 'volatility-expander stopped: closing its positions' });
    expect(h.signals.at(-1)).toMatchObject({ rule: 'volatility-expander/stop', decision: { kind: 'taken', reason: 'bot stopped: closing the position' }, intentIds: [flatten.intentId] });
    expect(h.state.positions[0]!.phase).toBe('exiting');
  });
});
