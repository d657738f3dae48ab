import type { BacktestRequestInput } from './types.ts';

/**
 * A short request the tests share: seed 8 over 25–26 Nov 2026 on NIFTY and BANKNIFTY, with the sellers'
 * thresholds opened up (as the engine's simulated-day test does) and a tight straddle stop and target, so
 * that trades open and close on these days. Not a user command.
 */
export const SHORT_REQUEST: BacktestRequestInput = {
  bots: [
    { id: 'short-straddle', params: { ivPercentileMin: 0, targetPct: 5, stopLossPct: 5, checkEveryMinutes: 1, maxDirectionStrength: 1 } },
    { id: 'iron-condor', params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 } },
  ],
  underlyings: ['NIFTY', 'BANKNIFTY'],
  from: '2026-11-25',
  to: '2026-11-26',
  data: { kind: 'simulator', seed: 8 },
  warmupSessions: 2,
};
