/**
 * The four bots the terminal ships, described as data. A bot whose strategy is not in this build is
 * listed (the trader sees what is coming) but refuses to start with a clear reason.
 */
export const BotKind = {
  shortStraddle: 'short-straddle',
  ironCondor: 'iron-condor',
  volatilityExpander: 'volatility-expander',
  momentumRider: 'momentum-rider',
} as const;
export type BotKind = (typeof BotKind)[keyof typeof BotKind];

export interface BotDescriptor {
  readonly id: string;
  readonly kind: BotKind;
  readonly name: string;
  readonly description: string;
}

export const BOT_CATALOG: readonly BotDescriptor[] = [
  {
    id: 'short-straddle',
    kind: 'short-straddle',
    name: 'Short straddle',
    description: 'Sells the ATM call and put of the nearest weekly when IV percentile is high; 40 % stop, 25 % target.',
  },
  {
    id: 'iron-condor',
    kind: 'iron-condor',
    name: 'Iron condor',
    description: 'Sells ~20-delta strikes with ~10-delta wings in a range-bound market with mid IV percentile.',
  },
  {
    id: 'volatility-expander',
    kind: 'volatility-expander',
    name: 'Volatility expander',
    description: 'Buys options in a volatility squeeze with low IV rank, direction from VWAP and accumulation.',
  },
  {
    id: 'momentum-rider',
    kind: 'momentum-rider',
    name: 'Momentum rider',
    description: 'Buys 1–2 strikes OTM on a 5-minute move above 0.45 % with twice the average volume and confirmations.',
  },
];
