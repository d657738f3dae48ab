import { CONTRACT_SPECS, Underlying, type ExpiryRule } from './contract-specs-data.ts';

export { CONTRACT_SPECS, Underlying };
export type { ExpiryRule };

/** The specification in force for one underlying, as a consumer on `date` sees it. */
export interface ContractSpec {
  readonly underlying: Underlying;
  readonly exchange: 'NFO' | 'BFO';
  readonly lotSize: number;
  readonly freezeQty: number | undefined;
  readonly strikeStep: number;
  readonly weeklyWeekday: number | null;
  readonly monthlyWeekday: number;
  /** Where each value comes from: a circular, the table, or 'live' (OpenAlgo master data). */
  readonly sources: { readonly lotSize: string; readonly freezeQty: string; readonly expiry: string };
}

/** Every simulator, backtest, risk check and order sizer asks one of these for the date it works on. */
export interface SpecSource {
  /**
   * `date` is the trading date (YYYY-MM-DD). Pass the contract's `expiry` when known: lot revisions
   * apply by contract expiry, so two contracts trading on one day may have different lots.
   */
  specOn(underlying: Underlying, date: string, expiry?: string): ContractSpec;
}

export function isUnderlying(name: string): name is Underlying {
  return Object.hasOwn(Underlying, name);
}

function lastOnOrBefore<T>(items: readonly T[], key: (t: T) => string, date: string): T {
  let found: T | undefined = items[0];
  for (const item of items) if (key(item) <= date) found = item;
  if (found === undefined) throw new Error('empty dated table');
  return found;
}

export function expiryRuleOn(underlying: Underlying, date: string): ExpiryRule {
  return lastOnOrBefore(CONTRACT_SPECS[underlying].expiries, (r) => r.from, date);
}

/** The built-in dated table. */
export const tableSpecs: SpecSource = {
  specOn(underlying, date, expiry) {
    const spec = CONTRACT_SPECS[underlying];
    const lot = lastOnOrBefore(spec.lots, (l) => l.fromExpiry, expiry ?? date);
    const freeze = lastOnOrBefore(spec.freeze, (f) => f.from, date);
    const rule = expiryRuleOn(underlying, expiry ?? date);
    return {
      underlying,
      exchange: spec.exchange,
      lotSize: lot.lotSize,
      freezeQty: freeze.freezeQty,
      strikeStep: spec.strikeStep,
      weeklyWeekday: rule.weekly,
      monthlyWeekday: rule.monthly,
      sources: { lotSize: lot.source, freezeQty: freeze.source, expiry: rule.source },
    };
  },
};

export interface LiveContractData {
  readonly lotSize: number;
  /** OpenAlgo returns 1 when the freeze quantity is not configured: treated as unknown. */
  readonly freezeQty?: number;
}

export interface SpecMismatch {
  readonly underlying: Underlying;
  readonly date: string;
  readonly field: 'lotSize' | 'freezeQty';
  readonly table: number | undefined;
  readonly live: number;
}

/**
 * Live values from OpenAlgo's symbol/master data (`/symbol`, `/optionsymbol`, `/optionchain` lotsize)
 * win over the table. Each differing field is reported once per underlying through `onMismatch`.
 */
export function withLiveSpecs(
  live: Readonly<Partial<Record<Underlying, LiveContractData>>>,
  onMismatch: (m: SpecMismatch) => void,
  base: SpecSource = tableSpecs,
): SpecSource {
  const reported = new Set<string>();
  const report = (m: SpecMismatch): void => {
    const key = `${m.underlying}:${m.field}`;
    if (reported.has(key)) return;
    reported.add(key);
    onMismatch(m);
  };
  return {
    specOn(underlying, date, expiry) {
      const table = base.specOn(underlying, date, expiry);
      const l = live[underlying];
      if (!l) return table;
      const freeze = l.freezeQty !== undefined && l.freezeQty > 1 ? l.freezeQty : undefined;
      if (l.lotSize !== table.lotSize) report({ underlying, date, field: 'lotSize', table: table.lotSize, live: l.lotSize });
      if (freeze !== undefined && freeze !== table.freezeQty) report({ underlying, date, field: 'freezeQty', table: table.freezeQty, live: freeze });
      return {
        ...table,
        lotSize: l.lotSize,
        freezeQty: freeze ?? table.freezeQty,
        sources: { ...table.sources, lotSize: 'live', freezeQty: freeze === undefined ? table.sources.freezeQty : 'live' },
      };
    },
  };
}
