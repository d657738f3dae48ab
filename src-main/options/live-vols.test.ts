import { describe, expect, it } from 'vitest';
import { liveVols } from './live-vols.ts';

const points = [
  { strike: 25_800, vol: 0.22 },
  { strike: 26_000, vol: 0.2 },
  { strike: 26_200, vol: 0.19 },
];
const fallback = { atm: 0.3, vol: (K: number) => (K === 27_000 ? undefined : 0.31) };

describe('a chain’s vols from live closes', () => {
  it('gives a live strike its own vol and a strike between two live ones the vol linear in ln K', () => {
    const v = liveVols(points, 26_050, fallback);
    expect(v.vol(26_000)).toBe(0.2);
    const w = Math.log(25_900 / 25_800) / Math.log(26_000 / 25_800);
    expect(v.vol(25_900)).toBeCloseTo(0.22 + w * (0.2 - 0.22), 12);
    expect(v.atm).toBeCloseTo(0.2 + (Math.log(26_050 / 26_000) / Math.log(26_200 / 26_000)) * (0.19 - 0.2), 12);
  });

  it('outside the live strikes takes the fallback’s vol, or none (the model surface’s) where it has none', () => {
    const v = liveVols(points, 26_300, fallback);
    expect(v.vol(25_700)).toBe(0.31);
    expect(v.vol(27_000)).toBeUndefined();
    expect(v.atm).toBe(0.3);
    const bare = liveVols(points, 26_000, undefined);
    expect(bare.vol(26_400)).toBeUndefined();
    expect(liveVols([], 26_000, undefined).atm).toBeUndefined();
  });
});
