/** Why a trading command was refused, in the kinds the bridge passes through to the trader. */
export type TradingError = {
  readonly kind: 'not-found' | 'not-available' | 'invalid-state' | 'invalid-input' | 'unavailable';
  readonly message: string;
};

export const tradingError = (kind: TradingError['kind'], message: string): TradingError => ({ kind, message });
