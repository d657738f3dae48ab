/** Domain types the trading API hands out, re-exported for the bridge (which sees the engine, not risk or the store). */
export type { OrderRecord } from '#store/orders-repository';
export type { RiskSnapshot } from '#risk/limit-usage';
export type { RiskGreeks } from '#risk/valuation';
