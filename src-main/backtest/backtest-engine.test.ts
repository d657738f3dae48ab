import { describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import { BOT_DEFINITIONS, type AnyBotDefinition } from '#engine/bots/definitions';
import { readsChains } from './backtest-engine.ts';
import { backtestRequestSchema } from './types.ts';

const request = (bots: { id: string; params?: Record<string, unknown> }[]) =>
  backtestRequestSchema.parse({ bots, from: '2026-11-25', to: '2026-11-25', data: { kind: 'simulator', seed: 1 } });

/** The momentum rider's slot, reading NIFTY's 1-minute bars only. */
const BARS_ONLY: AnyBotDefinition = {
  ...BOT_DEFINITIONS['momentum-rider'],
  requirements: () => ({ instruments: [], series: [{ instrumentId: instrumentId('NSE_INDEX', 'NIFTY'), timeframe: '1m', bars: 20 }], indicators: [], priceAction: [], chains: [], ivHistory: [] }),
};

describe('which backtests price option chains every second', () => {
  it('those with a bot that declares a chain or IV history; a bot whose parameters do not parse counts as one', () => {
    expect(readsChains(request([{ id: 'short-straddle' }]), undefined)).toBe(true);
    expect(readsChains(request([{ id: 'momentum-rider' }]), undefined)).toBe(true);
    expect(readsChains(request([{ id: 'momentum-rider' }]), { 'momentum-rider': BARS_ONLY })).toBe(false);
    expect(readsChains(request([{ id: 'momentum-rider', params: { noSuchParam: 1 } }]), { 'momentum-rider': BARS_ONLY })).toBe(true);
    expect(readsChains(request([{ id: 'momentum-rider' }, { id: 'iron-condor' }]), { 'momentum-rider': BARS_ONLY })).toBe(true);
  });
});
