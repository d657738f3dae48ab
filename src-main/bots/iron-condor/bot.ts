import { underlyingIndexId } from '#options/option-symbol';
import type { BotDefinition } from '../contract/bot.ts';
import type { BotRequirements } from '../contract/requirements.ts';
import { sellerOnBar, sellerOnStop, type SellerStrategy } from '../sellers/seller-loop.ts';
import { sellerRequirements } from '../sellers/seller-requirements.ts';
import { emptySellerState, sellerStateSchema, type SellerState } from '../sellers/seller-state.ts';
import { condorEntry, RANGE_SPECS, RANGE_TIMEFRAME } from './entry.ts';
import { condorManage } from './manage.ts';
import { condorParams, type CondorParams } from './params.ts';

const strategy: SellerStrategy<CondorParams> = { name: 'iron-condor', entry: condorEntry, manage: condorManage };

/** The sellers' requirements plus the daily range studies, and chains far enough out for the expiry rule. */
function condorRequirements(p: CondorParams): BotRequirements {
  const base = sellerRequirements(p);
  const indices = p.underlyings.map(underlyingIndexId);
  return {
    ...base,
    series: [...base.series, ...indices.map((instrumentId) => ({ instrumentId, timeframe: RANGE_TIMEFRAME, bars: 30, warmUp: 21 }))],
    indicators: [...base.indicators, ...indices.flatMap((instrumentId) => Object.values(RANGE_SPECS).map((indicator) => ({ instrumentId, timeframe: RANGE_TIMEFRAME, indicator })))],
    chains: p.underlyings.map((underlying) => ({ underlying, expiries: { kind: 'days', min: p.minDaysToExpiry, max: p.minDaysToExpiry + 10 } })),
  };
}

/** strategies.md "Iron condor (option selling)": wings bought before the shorts are sold. */
export const ironCondor: BotDefinition<CondorParams, SellerState> = {
  kind: 'iron-condor',
  params: condorParams,
  state: { schema: sellerStateSchema, initial: emptySellerState },
  requirements: condorRequirements,
  hooks: {
    onBar: (bar, ctx) => sellerOnBar(strategy, bar, ctx),
    onStop: (ctx) => sellerOnStop(strategy, ctx),
  },
};
