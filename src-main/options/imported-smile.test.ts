import { describe, expect, it } from 'vitest';
import { roundToTick } from '#model/instrument';
import { black76Price } from './black.ts';
import { buildSmile, smileRatio, smileVols, solveStrikes, type ContractClose } from './imported-smile.ts';

const F = 24_037.5;
const T = 6 / 365;
const r = 0.065;
/** A skewed "market": puts richer, as NIFTY's are. */
const marketVol = (K: number): number => 0.2 - 0.4 * Math.log(K / F);

function closes(vol: (K: number) => number, strikes: number[]): ContractClose[] {
  return strikes.flatMap((K) => (['CE', 'PE'] as const).map((right) => ({ strike: K, right, close: roundToTick(black76Price(right, F, K, T, r, vol(K)), 0.05), volume: 1000 })));
}

const strikes = Array.from({ length: 21 }, (_, i) => 23_500 + 50 * i);

describe('a smile solved from one session of option closes', () => {
  it('recovers the forward from put-call parity and each strike’s vol from its out-of-the-money close', () => {
    const s = buildSmile({ options: closes(marketVol, strikes), T, r });
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.forwardFrom).toBe('parity');
    // Closes are rounded to ₹0.05, so the forward is good to a few paise.
    expect(Math.abs(s.value.forward - F)).toBeLessThan(0.1);
    expect(s.value.points).toHaveLength(21);
    for (const p of s.value.points) expect(p.vol).toBeCloseTo(marketVol(p.strike), 3);
    expect(s.value.atmVol).toBeCloseTo(0.2, 3);
  });

  it('drops untraded contracts, closes under ₹0.50 and closes no vol reproduces; says why when too little is left', () => {
    const rows = closes(marketVol, strikes).map((c) => (c.strike === 24_000 && c.right === 'PE' ? { ...c, volume: 0, close: 9999 } : c));
    rows.push({ strike: 26_000, right: 'CE', close: 0.3, volume: 50 }, { strike: 22_000, right: 'PE', close: 0.01, volume: 5 });
    // Below intrinsic: arbitrage, dropped.
    rows.push({ strike: 23_000, right: 'CE', close: 100, volume: 5 });
    const s = buildSmile({ options: rows, T, r });
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.points.map((p) => p.strike)).toEqual(strikes);
    // 24000's put did not trade: its call (in the money) gives the strike's vol instead.
    expect(s.value.points.find((p) => p.strike === 24_000)!.vol).toBeCloseTo(marketVol(24_000), 3);

    const thin = buildSmile({ options: closes(marketVol, [24_000, 24_050]), T, r });
    expect(thin.ok || thin.error.kind).toBe('too-few-strikes');
    const oneSided = buildSmile({ options: closes(marketVol, strikes).filter((c) => c.right === 'CE'), T, r });
    expect(oneSided.ok || oneSided.error.kind).toBe('no-forward');
    const withFuture = buildSmile({ options: closes(marketVol, strikes).filter((c) => c.right === 'CE'), futureClose: F, T, r });
    expect(withFuture.ok && withFuture.value.forwardFrom).toBe('future');
  });

  it('moves to a later instant by sticky moneyness, its level scaled by the VIX ratio', () => {
    const s = buildSmile({ options: closes(marketVol, strikes), T, r });
    if (!s.ok) throw new Error(s.error.message);
    const smile = s.value;
    // Same forward and T, VIX unchanged: the strikes' own vols.
    const same = smileVols(smile, smile.forward, T, 1);
    for (const p of smile.points) expect(same.vol(p.strike)).toBeCloseTo(p.vol, 12);
    // VIX 10 % higher, a day less, spot 100 up: the ATM level is 10 % higher, and a strike's vol is the
    // smile's at the same standardised distance from the new forward.
    const F2 = smile.forward + 100;
    const T2 = T - 1 / 365;
    const moved = smileVols(smile, F2, T2, 1.1);
    expect(moved.atm).toBeCloseTo(smile.atmVol * 1.1, 12);
    const K = 23_800;
    const z = Math.log(K / F2) / (smile.atmVol * 1.1 * Math.sqrt(T2));
    expect(moved.vol(K)).toBeCloseTo(smile.atmVol * 1.1 * smileRatio(smile, z), 12);
    // Beyond the last strike the wing stays flat.
    expect(smileRatio(smile, 50)).toBe(smile.points.at(-1)!.vol / smile.atmVol);
    expect(smileRatio(smile, -50)).toBe(smile.points[0]!.vol / smile.atmVol);
  });

  it('solves closes of one instant strike by strike, however few, leaving the volume rule to the caller', () => {
    const few = closes(marketVol, [24_000, 24_050]).map((c) => ({ ...c, volume: 0 }));
    const s = solveStrikes(few, undefined, T, r);
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.points.map((p) => p.strike)).toEqual([24_000, 24_050]);
    for (const p of s.value.points) expect(p.vol).toBeCloseTo(marketVol(p.strike), 3);
    expect(solveStrikes(few, undefined, 0, r).ok).toBe(false);
  });
});
