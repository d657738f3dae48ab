import { checkPeriod, type OhlcvColumns } from './indicator.ts';
import { Stochastic, type StochasticSeries } from './stochastic.ts';

/**
 * Fast stochastic, TA-Lib `STOCHF(fastK, fastD SMA)` (defaults 5, 3): %K is the raw %K, %D its SMA — the
 * slow stochastic without its %K smoothing. Both start together at bar fastK + fastD − 2, as TA-Lib's do.
 * (technicalindicators' `Stochastic` is this one: its `k` is raw %K.)
 */
export class StochasticFast extends Stochastic {
  constructor(fastK = 5, fastD = 3) {
    checkPeriod(fastD, 'fastD');
    super(fastK, 1, fastD);
  }
}

export function stochasticFastBatch(cols: OhlcvColumns, fastK = 5, fastD = 3): StochasticSeries {
  const n = cols.close.length;
  const s = { k: new Float64Array(n), d: new Float64Array(n) };
  new StochasticFast(fastK, fastD).fold(cols, s.k, s.d);
  return s;
}
