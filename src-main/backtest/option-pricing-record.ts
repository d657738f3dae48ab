import type { OptionPricingDay } from './types.ts';

type IntradayDay = NonNullable<OptionPricingDay['intraday']>[number];

interface DayRecord {
  readonly imported: Set<string>;
  readonly modelled: Map<string, string>;
  readonly intraday: Map<string, { contracts: number; timeframes: readonly string[]; reprices: number; live: number; fallbacks: Map<string, number> }>;
}

/** What priced each day's chains, as a backtest goes: the result's `optionPricing`. */
export function optionPricingRecord() {
  const byDay = new Map<string, DayRecord>();
  const dayOf = (day: string): DayRecord => {
    let record = byDay.get(day);
    if (!record) {
      record = { imported: new Set(), modelled: new Map(), intraday: new Map() };
      byDay.set(day, record);
    }
    return record;
  };
  return {
    /** A chain's pricing without live closes that day: the previous session's smile, or the model and why. */
    base(day: string, chain: string, modelReason: string | undefined): void {
      const record = dayOf(day);
      if (modelReason === undefined) record.imported.add(chain);
      else record.modelled.set(chain, modelReason);
    },
    /** The chain has intraday bars that session. */
    bars(day: string, chain: string, contracts: number, timeframes: readonly string[]): void {
      dayOf(day).intraday.set(chain, { contracts, timeframes, reprices: 0, live: 0, fallbacks: new Map() });
    },
    /** One reprice of a chain with intraday bars: from live closes, or not and why. */
    reprice(day: string, chain: string, fallback: string | undefined): void {
      const c = dayOf(day).intraday.get(chain);
      if (!c) return;
      c.reprices++;
      if (fallback === undefined) c.live++;
      else c.fallbacks.set(fallback, (c.fallbacks.get(fallback) ?? 0) + 1);
    },
    days(keys: readonly string[]): OptionPricingDay[] {
      return keys.map((day) => {
        const record = byDay.get(day);
        const imported = record ? [...record.imported].sort() : [];
        const modelled = record ? [...record.modelled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([chain, reason]) => ({ chain, reason })) : [];
        const intraday: IntradayDay[] = record
          ? [...record.intraday]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([chain, c]) => ({
                chain,
                contracts: c.contracts,
                timeframes: [...c.timeframes],
                reprices: c.reprices,
                live: c.live,
                fallbacks: [...c.fallbacks].sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : 1)).map(([reason, reprices]) => ({ reason, reprices })),
              }))
          : [];
        const source = imported.length === 0 ? (modelled.length === 0 ? 'none' : 'model') : modelled.length === 0 ? 'imported' : 'mixed';
        return { day, source, imported, modelled, intraday };
      });
    },
  };
}
