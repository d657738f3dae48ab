import type { OptionPricingDay } from './types.ts';

type IntradayDay = NonNullable<OptionPricingDay['intraday']>[number];

interface DayRecord {
  readonly imported: Set<string>;
  readonly modelled: Map<string, string>;
  readonly intraday: Map<string, IntradayChain>;
}

interface IntradayChain {
  contracts: number;
  timeframes: readonly string[];
  reprices: number;
  live: number;
  fallbacks: Map<string, number>;
  /** Live reprices on the market's forward, the lowest and highest basis (F ÷ S) they took, and why the others did not. */
  carried: number;
  basisMin: number;
  basisMax: number;
  uncarried: Map<string, number>;
}

/** Reasons with how many reprices each, most first (ties by reason). */
const counted = (reasons: Map<string, number>): { reason: string; reprices: number }[] => [...reasons].sort(([ra, a], [rb, b]) => b - a || (ra < rb ? -1 : 1)).map(([reason, reprices]) => ({ reason, reprices }));

function carryOf(c: IntradayChain): IntradayDay['carry'] {
  if (c.live === 0) return undefined;
  return { reprices: c.carried, ...(c.carried > 0 ? { basis: { min: c.basisMin, max: c.basisMax } } : {}), fallbacks: counted(c.uncarried) };
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
      dayOf(day).intraday.set(chain, { contracts, timeframes, reprices: 0, live: 0, fallbacks: new Map(), carried: 0, basisMin: Number.POSITIVE_INFINITY, basisMax: Number.NEGATIVE_INFINITY, uncarried: new Map() });
    },
    /**
     * One reprice of a chain with intraday bars: from live closes, or not and why; a live one on the
     * market's forward with its basis (F ÷ S), or on the index × e^{rT} and why.
     */
    reprice(day: string, chain: string, fallback: string | undefined, carry?: { readonly basis: number } | { readonly reason: string }): void {
      const c = dayOf(day).intraday.get(chain);
      if (!c) return;
      c.reprices++;
      if (fallback !== undefined) c.fallbacks.set(fallback, (c.fallbacks.get(fallback) ?? 0) + 1);
      else {
        c.live++;
        if (carry && 'basis' in carry) {
          c.carried++;
          c.basisMin = Math.min(c.basisMin, carry.basis);
          c.basisMax = Math.max(c.basisMax, carry.basis);
        } else if (carry) c.uncarried.set(carry.reason, (c.uncarried.get(carry.reason) ?? 0) + 1);
      }
    },
    days(keys: readonly string[]): OptionPricingDay[] {
      return keys.map((day) => {
        const record = byDay.get(day);
        const imported = record ? [...record.imported].sort() : [];
        const modelled = record ? [...record.modelled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([chain, reason]) => ({ chain, reason })) : [];
        const intraday: IntradayDay[] = record
          ? [...record.intraday]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([chain, c]) => {
                const carry = carryOf(c);
                return { chain, contracts: c.contracts, timeframes: [...c.timeframes], reprices: c.reprices, live: c.live, fallbacks: counted(c.fallbacks), ...(carry ? { carry } : {}) };
              })
          : [];
        const source = imported.length === 0 ? (modelled.length === 0 ? 'none' : 'model') : modelled.length === 0 ? 'imported' : 'mixed';
        return { day, source, imported, modelled, intraday };
      });
    },
  };
}
