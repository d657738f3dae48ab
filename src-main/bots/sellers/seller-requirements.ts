import type { Timeframe } from '#model/bar';
import type { Underlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import type { BotRequirements } from '../contract/requirements.ts';
import { regimeStudies } from '../signals/regime.ts';
import { technicalStudies } from '../signals/technical-source.ts';
import { VIX_ID } from '../common/chain-legs.ts';

/** Bars of the signal timeframe kept: MACD(12,26,9) needs 34, price action wants a session's swings. */
const SIGNAL_BARS = 120;
const SIGNAL_WARM_UP = 40;

export interface SellerRequirementParams {
  readonly underlyings: readonly Underlying[];
  readonly signalTimeframe: Timeframe;
  readonly ivLookbackDays: number;
}

/** What a seller reads, per enabled underlying: its index bars, studies and chain; India VIX daily. */
export function sellerRequirements(p: SellerRequirementParams): BotRequirements {
  const indices = p.underlyings.map(underlyingIndexId);
  return {
    instruments: [...indices, VIX_ID],
    series: [
      ...indices.flatMap((id) => [
        { instrumentId: id, timeframe: '1m' as const, bars: 5 },
        { instrumentId: id, timeframe: p.signalTimeframe, bars: SIGNAL_BARS, warmUp: SIGNAL_WARM_UP },
      ]),
      // A short VIX history does not hold the bot back: its IV gate says "unavailable" in every signal instead.
      { instrumentId: VIX_ID, timeframe: '1d', bars: p.ivLookbackDays, warmUp: 1 },
    ],
    indicators: indices.flatMap((id) => [...technicalStudies(id, p.signalTimeframe), ...regimeStudies(id, p.signalTimeframe)]),
    priceAction: indices.map((id) => ({ instrumentId: id, timeframe: p.signalTimeframe, warmUp: SIGNAL_WARM_UP })),
    chains: p.underlyings.map((underlying) => ({ underlying, expiries: { kind: 'nearest' } })),
    ivHistory: p.underlyings,
  };
}
