import { CONTRACT_SPECS, type Lot, type LotRevision, type Underlying } from './contract-specs-data.ts';
import { expiryKind } from './expiry.ts';

export type { Lot };

/** Quarterly and half-yearly contracts expire in these months (as monthlies). */
const QUARTER_MONTHS = new Set(['03', '06', '09', '12']);

/**
 * The market lot of the contract expiring on `expiry` (YYYY-MM-DD) as traded on `tradeDate`: the
 * latest revision in force on that date that reaches the contract, else the lot before it. Two contracts
 * trading on one day can differ (on 20 Dec 2024 the 2 Jan 2025 NIFTY weekly was 75, the 30 Jan monthly 25).
 */
export function lotSizeOn(underlying: Underlying, expiry: string, tradeDate: string): Lot {
  const { initial, revisions } = CONTRACT_SPECS[underlying].lots;
  for (let i = revisions.length - 1; i >= 0; i--) {
    const r = revisions[i] as LotRevision;
    if (tradeDate >= r.from && reaches(r, underlying, expiry, tradeDate)) return r;
  }
  return initial;
}

/** The lot a contract newly listed on `tradeDate` carries. */
export function newContractLot(underlying: Underlying, tradeDate: string): Lot {
  const { initial, revisions } = CONTRACT_SPECS[underlying].lots;
  let lot: Lot = initial;
  for (const r of revisions) if (r.from <= tradeDate) lot = r;
  return lot;
}

function reaches(r: LotRevision, underlying: Underlying, expiry: string, tradeDate: string): boolean {
  const monthly = expiryKind(underlying, expiry) === 'monthly';
  const keepsOld = monthly ? expiry.slice(0, 7) <= r.monthliesThrough : r.weekliesThrough !== undefined && expiry <= r.weekliesThrough;
  if (keepsOld) return false;
  // A monthly of a quarter month beyond the kept monthlies existed before the revision only as a
  // quarterly or half-yearly contract: it moves on the stated trade date.
  const longDated = monthly && QUARTER_MONTHS.has(expiry.slice(5, 7));
  return !(longDated && r.longDatedAfter !== undefined && tradeDate <= r.longDatedAfter);
}
