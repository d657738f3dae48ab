import { describe, expect, it } from 'vitest';
import { deflatedSharpe, expectedMaxSharpe } from './deflated-sharpe.ts';
import { rankOutOfSample, spearman } from './oos-ranking.ts';
import { probabilityOfOverfitting } from './pbo.ts';
import { moments, normInv } from './stats.ts';

describe('stats', () => {
  it('moments of 1, 2, 3, 4, 10 by hand: mean 4, sample var 12.5, skew 36/10^1.5, kurtosis 278.8/100', () => {
    const m = moments([1, 2, 3, 4, 10]);
    expect(m.mean).toBe(4);
    expect(m.sd).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(m.skew).toBeCloseTo(36 / 10 ** 1.5, 12);
    expect(m.kurtosis).toBeCloseTo(2.788, 12);
  });

  it('normInv matches the normal quantiles (Python statistics.NormalDist.inv_cdf)', () => {
    expect(normInv(0.975)).toBeCloseTo(1.9599639845400536, 12);
    expect(normInv(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normInv(0.3)).toBeCloseTo(-0.5244005127080407, 12);
    expect(normInv(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(() => normInv(1)).toThrow(RangeError);
  });
});

describe('deflated Sharpe ratio', () => {
  // Bailey & López de Prado (2014), section 5's example: SR 2.5 and V[SR] 1/2 annualised over 250 days a year,
  // T = 1250, skew −3, kurtosis 10, N = 100 → SR₀ ≈ 0.1132 per day and DSR ≈ 0.9004. The figures to more
  // digits were computed by hand from eq. 2 and eq. 9 with Python's NormalDist.
  const example = { sharpe: 2.5 / Math.sqrt(250), trials: 100, sharpeVariance: 0.5 / 250, observations: 1250, skew: -3, kurtosis: 10 };

  it('reproduces the paper’s numerical example', () => {
    const d = deflatedSharpe(example);
    expect(d.expectedMaxSharpe).toBeCloseTo(0.11317200186513214, 10);
    expect(d.z).toBeCloseTo(1.2838160365336546, 8);
    expect(d.dsr).toBeCloseTo(0.9003968344493904, 8);
    expect(d.dsr).toBeCloseTo(0.9004, 4);
  });

  it('one trial is not deflated: SR₀ is 0 and the DSR is the probabilistic Sharpe ratio against 0', () => {
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    const d = deflatedSharpe({ ...example, trials: 1 });
    expect(d.expectedMaxSharpe).toBe(0);
    expect(d.dsr).toBeGreaterThan(0.99);
  });

  it('more trials raise the bar and lower the DSR', () => {
    expect(deflatedSharpe({ ...example, trials: 1000 }).dsr).toBeLessThan(deflatedSharpe(example).dsr);
  });
});

describe('probability of backtest overfitting (CSCV)', () => {
  // Four trials, four one-row blocks, performance = mean. A is lucky once (row 0), B is steadily good, C flat,
  // D steadily bad. The six splits in order {0,1} {0,2} {0,3} {1,2} {1,3} {2,3}:
  // with row 0 in-sample A wins and ranks 2.5 of 4 out-of-sample (tied with C, above D): ω = 2.5/5, λ = 0;
  // without it B wins and ranks 3 of 4: ω = 3/5, λ = ln 1.5. PBO = 3/6.
  const returns = [
    [3, 0, 0, 0],
    [1, 1, 1, 1],
    [0, 0, 0, 0],
    [-1, -1, -1, -1],
  ];

  it('matches the hand-computed logits and PBO', () => {
    const r = probabilityOfOverfitting(returns, { blocks: 4, measure: 'mean' });
    expect(r.splits).toBe(6);
    expect(r.logits.map((l) => Number(l.toFixed(9)))).toEqual([0, 0, 0, 0.405465108, 0.405465108, 0.405465108]);
    expect(r.pbo).toBe(0.5);
  });

  it('is 0 when one trial beats every other in every period, and 1 when the in-sample winner is always last', () => {
    const dominant = [
      [2, 2.1, 1.9, 2, 2.2, 1.8, 2, 2.05],
      [1, 1.1, 0.9, 1, 1.2, 0.8, 1, 1.05],
      [0, 0.1, -0.1, 0, 0.2, -0.2, 0, 0.05],
    ];
    expect(probabilityOfOverfitting(dominant, { blocks: 4 }).pbo).toBe(0);
    // Each trial is great in its own half and terrible in the other: the in-sample winner always flops.
    const flip = [
      [5, 5, -5, -5],
      [-5, -5, 5, 5],
    ];
    expect(probabilityOfOverfitting(flip, { blocks: 2, measure: 'mean' }).pbo).toBe(1);
  });

  it('refuses what it cannot split', () => {
    expect(() => probabilityOfOverfitting(returns, { blocks: 3 })).toThrow(/even/);
    expect(() => probabilityOfOverfitting(returns.map((r) => r.slice(0, 3)), { blocks: 4 })).toThrow(/too few/);
    expect(() => probabilityOfOverfitting([[1, 2]], { blocks: 2 })).toThrow(/two trials/);
  });
});

describe('out-of-sample ranking', () => {
  it('Spearman of ranks 1 3 2 4 against 1 2 3 4 is 1 − 6·2/(4·15) = 0.8', () => {
    expect(spearman([1, 2, 3, 4], [10, 30, 20, 40])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });

  it('orders by out-of-sample score and says where the in-sample best landed', () => {
    const r = rankOutOfSample([
      { trialId: 1, inSample: 3, outOfSample: 0.5 },
      { trialId: 2, inSample: 2, outOfSample: 1.5 },
      { trialId: 3, inSample: 1, outOfSample: 1 },
    ]);
    expect(r.byOutOfSample.map((t) => t.trialId)).toEqual([2, 3, 1]);
    expect(r.oosRankOfInSampleBest).toBe(3);
    expect(r.spearman).toBeCloseTo(-0.5, 12);
  });
});
