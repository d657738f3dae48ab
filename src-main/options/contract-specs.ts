import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';
import { CONTRACT_SPECS, Underlying, type ExpiryRule } from './contract-specs-data.ts';
import { inForceOn } from './dated.ts';
import { expiryRuleOn } from './expiry.ts';
import { lotSizeOn, newContractLot } from './lot-size.ts';

export { CONTRACT_SPECS, Underlying, expiryRuleOn, lotSizeOn };
export type { ExpiryRule };

/** The specification in force for one contract of an underlying, as a consumer on a trade date sees it. */
export interface ContractSpec {
  readonly underlying: Underlying;
  readonly exchange: 'NFO' | 'BFO';
  /** The contract's market lot on the trade date (without an expiry: the lot of contracts listed that day). */
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
   * `date` is the trade date (YYYY-MM-DD); `expiry` names the contract. A lot size belongs to a contract
   * and a trade date (`lotSizeOn`): two contracts trading on one day may have different lots, and a
   * quarterly contract's lot can change during its life. Without `expiry`, `lotSize` is the lot of a
   * contract newly listed on `date`.
   */
  specOn(underlying: Underlying, date: string, expiry?: string): ContractSpec;
}

export function isUnderlying(name: string): name is Underlying {
  return Object.hasOwn(Underlying, name);
}

function tableSpecOn(underlying: Underlying, date: string, expiry: string | undefined): ContractSpec {
  const spec = CONTRACT_SPECS[underlying];
  const lot = expiry === undefined ? newContractLot(underlying, date) : lotSizeOn(underlying, expiry, date);
  const freeze = inForceOn(spec.freeze, (f) => f.from, date);
  const rule = expiryRuleOn(underlying, expiry ?? date);
  return Object.freeze({
    underlying,
    exchange: spec.exchange,
    lotSize: lot.lotSize,
    freezeQty: freeze.freezeQty,
    strikeStep: spec.strikeStep,
    weeklyWeekday: rule.weekly,
    monthlyWeekday: rule.monthly,
    sources: Object.freeze({ lotSize: lot.source, freezeQty: freeze.source, expiry: rule.source }),
  });
}

/**
 * Answers remembered per calendar (a lot depends on whether the contract is a monthly, which holidays
 * decide): bots, chains and risk ask for the same few contracts thousands of times a day.
 */
const MEMO_LIMIT = 20_000;
const specsByCalendar = new WeakMap<NseCalendar, Map<string, ContractSpec>>();

/** The built-in dated table. */
export const tableSpecs: SpecSource = {
  specOn(underlying, date, expiry) {
    const calendar = nseCalendar();
    let memo = specsByCalendar.get(calendar);
    if (!memo) specsByCalendar.set(calendar, (memo = new Map()));
    const key = `${underlying}|${date}|${expiry ?? ''}`;
    let spec = memo.get(key);
    if (!spec) {
      // A backtest over years walks through dates: forget them all now and then rather than grow without end.
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, (spec = tableSpecOn(underlying, date, expiry)));
    }
    return spec;
  },
};

/** What OpenAlgo's master data says about one underlying's contracts. */
export interface LiveContractData {
  /**
   * Lot size per contract expiry (YYYY-MM-DD), from `/symbol`, `/optionsymbol` or a chain's `lotsize`:
   * during a revision an old and a new lot trade side by side, so a lot is only ever a contract's.
   */
  readonly lotSizes?: Readonly<Record<string, number>>;
  /** OpenAlgo returns 1 when the freeze quantity is not configured: treated as unknown. */
  readonly freezeQty?: number;
}

export interface SpecMismatch {
  readonly underlying: Underlying;
  readonly date: string;
  /** The contract, for a lot-size mismatch. */
  readonly expiry?: string;
  readonly field: 'lotSize' | 'freezeQty';
  readonly table: number | undefined;
  readonly live: number;
}

/**
 * Live values from OpenAlgo's symbol/master data win over the table: a contract's lot when OpenAlgo
 * listed that expiry, the underlying's freeze quantity. Each difference is reported once (per contract
 * for lots, per underlying for freeze quantities) through `onMismatch`.
 */
export function withLiveSpecs(
  live: Readonly<Partial<Record<Underlying, LiveContractData>>>,
  onMismatch: (m: SpecMismatch) => void,
  base: SpecSource = tableSpecs,
): SpecSource {
  const reported = new Set<string>();
  const report = (m: SpecMismatch): void => {
    const key = `${m.underlying}:${m.field}:${m.expiry ?? ''}`;
    if (reported.has(key)) return;
    reported.add(key);
    onMismatch(m);
  };
  return {
    specOn(underlying, date, expiry) {
      const table = base.specOn(underlying, date, expiry);
      const l = live[underlying];
      if (!l) return table;
      const lot = expiry === undefined ? undefined : l.lotSizes?.[expiry];
      const freeze = l.freezeQty !== undefined && l.freezeQty > 1 ? l.freezeQty : undefined;
      if (lot !== undefined && lot !== table.lotSize) report({ underlying, date, expiry, field: 'lotSize', table: table.lotSize, live: lot });
      if (freeze !== undefined && freeze !== table.freezeQty) report({ underlying, date, field: 'freezeQty', table: table.freezeQty, live: freeze });
      return {
        ...table,
        lotSize: lot ?? table.lotSize,
        freezeQty: freeze ?? table.freezeQty,
        sources: {
          ...table.sources,
          lotSize: lot === undefined ? table.sources.lotSize : 'live',
          freezeQty: freeze === undefined ? table.sources.freezeQty : 'live',
        },
      };
    },
  };
}
