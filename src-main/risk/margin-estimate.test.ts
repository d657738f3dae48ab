import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { estimateMargin, longPremium } from './margin-estimate.ts';
import { EXPIRY, FakeMarket, niftyFuture, niftyOption, T0 } from './test-support.ts';
import { valueLegs, type BookLeg } from './valuation.ts';

const P = DEFAULT_RISK_CONFIG.margin;

function valued(legs: BookLeg[], ts = T0) {
  const m = new FakeMarket();
  m.spots.set('NIFTY', 23_000);
  const v = valueLegs(legs, m, 0.0525, ts);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}

describe('SPAN-like margin estimate', () => {
  it('a future needs the scan range plus exposure, % of notional (6 % + 2 % by default)', () => {
    const fut = niftyFuture();
    const m = estimateMargin(valued([{ instrument: fut, quantity: 65, mark: 23_100 }]), P, T0);
    const notional = 65 * 23_100;
    // Worst of the full −6 % move and 35 % of the −12 % extreme move (4.2 %): 6 %.
    expect(m.groups[0]!.scanRisk).toBeCloseTo(notional * 0.06, 6);
    expect(m.groups[0]!.exposure).toBeCloseTo(notional * 0.02, 6);
    expect(m.total).toBeCloseTo(notional * 0.08, 6);
  });

  it('long options need no margin, only their premium', () => {
    const legs = valued([{ instrument: niftyOption(23_000, 'CE'), quantity: 65, mark: 150 }]);
    expect(estimateMargin(legs, P, T0).total).toBe(0);
    expect(longPremium(legs)).toBeCloseTo(65 * 150, 9);
  });

  it('a short option pays at least the short-option minimum, and exposure on its notional', () => {
    const far = niftyOption(30_000, 'CE');
    const m = estimateMargin(valued([{ instrument: far, quantity: -65, mark: 0.5 }]), P, T0);
    const notional = 65 * 23_000;
    expect(m.groups[0]!.shortOptionMinimum).toBeCloseTo((notional * P.shortOptionMinimumPct) / 100, 6);
    expect(m.total).toBeCloseTo(Math.max(m.groups[0]!.scanRisk, m.groups[0]!.shortOptionMinimum) + (notional * P.exposurePct) / 100, 6);
  });

  it('adds the expiry-day exposure on short options expiring today', () => {
    const strangle = (ts: number) =>
      estimateMargin(
        valued([
          { instrument: niftyOption(23_300, 'CE'), quantity: -65, mark: 20 },
          { instrument: niftyOption(22_700, 'PE'), quantity: -65, mark: 20 },
        ], ts),
        P,
        ts,
      );
    const onExpiryDay = istToEpoch(2026, 3, 17, 10, 0);
    expect(onExpiryDay < EXPIRY).toBe(true);
    const extra = strangle(onExpiryDay).groups[0]!.exposure - (2 * 65 * 23_000 * P.exposurePct) / 100;
    expect(extra).toBeCloseTo((2 * 65 * 23_000 * P.expiryDayExtraPct) / 100, 6);
    expect(strangle(T0).groups[0]!.exposure).toBeCloseTo((2 * 65 * 23_000 * P.exposurePct) / 100, 6);
  });

  it('the wings of an iron condor lower the margin of the short strangle', () => {
    const shorts: BookLeg[] = [
      { instrument: niftyOption(23_300, 'CE'), quantity: -65, mark: 60 },
      { instrument: niftyOption(22_700, 'PE'), quantity: -65, mark: 55 },
    ];
    const wings: BookLeg[] = [
      { instrument: niftyOption(23_600, 'CE'), quantity: 65, mark: 15 },
      { instrument: niftyOption(22_400, 'PE'), quantity: 65, mark: 14 },
    ];
    const noFloor = { ...P, shortOptionMinimumPct: 0 };
    const naked = estimateMargin(valued(shorts), noFloor, T0);
    const condor = estimateMargin(valued([...shorts, ...wings]), noFloor, T0);
    expect(condor.total).toBeLessThan(naked.total);
    // The condor cannot lose more than a wing width (300 points) on one side; the strangle can.
    expect(condor.groups[0]!.scanRisk).toBeLessThan(300 * 65);
    expect(naked.groups[0]!.scanRisk).toBeGreaterThan(300 * 65);
    // The short-option minimum is a floor per short option, hedged or not (as in SPAN).
    expect(estimateMargin(valued([...shorts, ...wings]), P, T0).groups[0]!.shortOptionMinimum).toBeCloseTo((2 * 65 * 23_000 * P.shortOptionMinimumPct) / 100, 6);
  });

  it('nets a short and the order buying it back: nothing left to margin', () => {
    const opt = niftyOption(23_000, 'PE');
    const m = estimateMargin(valued([{ instrument: opt, quantity: -65, mark: 100 }, { instrument: opt, quantity: 65, mark: 100 }]), P, T0);
    expect(m.total).toBe(0);
  });
});
