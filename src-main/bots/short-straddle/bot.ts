import type { BotDefinition } from '../contract/bot.ts';
import { sellerRequirements } from '../sellers/seller-requirements.ts';
import { sellerOnBar, sellerOnStop, type SellerStrategy } from '../sellers/seller-loop.ts';
import { emptySellerState, sellerStateSchema, type SellerState } from '../sellers/seller-state.ts';
import { straddleEntry } from './entry.ts';
import { straddleManage } from './manage.ts';
import { straddleParams, type StraddleParams } from './params.ts';

const strategy: SellerStrategy<StraddleParams> = { name: 'short-straddle', entry: straddleEntry, manage: straddleManage };

/** strategies.md "Short straddle (option selling)". */
export const shortStraddle: BotDefinition<StraddleParams, SellerState> = {
  kind: 'short-straddle',
  params: straddleParams,
  state: { schema: sellerStateSchema, initial: emptySellerState },
  requirements: sellerRequirements,
  hooks: {
    onBar: (bar, ctx) => sellerOnBar(strategy, bar, ctx),
    onStop: (ctx) => sellerOnStop(strategy, ctx),
  },
};
