/**
 * Index-derivative contract specifications in time. Lot sizes are keyed by CONTRACT EXPIRY (NSE applies
 * a revision to contracts expiring on or after a date; older contracts keep their lot). Expiry rules
 * are keyed by expiry date too. Weekday: 0 = Sunday … 6 = Saturday. Sources beside each change;
 * "verify" marks entries recalled rather than read from a circular.
 */
export const Underlying = {
  NIFTY: 'NIFTY',
  BANKNIFTY: 'BANKNIFTY',
  FINNIFTY: 'FINNIFTY',
  MIDCPNIFTY: 'MIDCPNIFTY',
  SENSEX: 'SENSEX',
} as const;
export type Underlying = (typeof Underlying)[keyof typeof Underlying];

export interface LotChange {
  /** First contract expiry (YYYY-MM-DD) carrying this lot size. */
  readonly fromExpiry: string;
  readonly lotSize: number;
  readonly source: string;
}

export interface FreezeChange {
  readonly from: string;
  /** Maximum quantity per order, in units; undefined when not known for the period. */
  readonly freezeQty: number | undefined;
  readonly source: string;
}

export interface ExpiryRule {
  /** Applies to expiries falling on or after this date. */
  readonly from: string;
  /** Weekly expiry weekday, or null when the underlying has monthly contracts only. */
  readonly weekly: number | null;
  /** Monthly expiry: the last such weekday of the month. */
  readonly monthly: number;
  readonly source: string;
}

export interface UnderlyingSpec {
  readonly exchange: 'NFO' | 'BFO';
  /** First date with listed options (table starts 2020-01-01). */
  readonly listedFrom: string;
  readonly strikeStep: number;
  readonly lots: readonly LotChange[];
  readonly freeze: readonly FreezeChange[];
  readonly expiries: readonly ExpiryRule[];
}

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;

const NOV_2024 = 'SEBI/HO/MRD/TPD-1/P/CIR/2024/132 (1 Oct 2024); NSE/FAOP/64625 (new contracts from 20 Nov 2024; Nov monthly keeps the old lot)';
const APR_2025 = 'NSE circular of 28 Mar 2025 (effective 25 Apr 2025; first new-lot expiry is the Jul 2025 monthly)';
const JAN_2026 = 'NSE circular of Oct 2025 (Sep 2025 average closes): weekly and monthly contracts from the Jan 2026 expiries';
const WEEKLY_CUT = 'NSE/FAOP/64506 (10 Oct 2024): one weekly benchmark per exchange from 20 Nov 2024';
const TUESDAY = 'SEBI/HO/MRD/TPD-1/P/CIR/2025/76 (26 May 2025); NSE FAOP68589 (17 Jun 2025): Tuesday from expiries on/after 1 Sep 2025';
const THURSDAY_2025 = 'NSE circular (Nov 2024): all NSE monthly expiries on the last Thursday from Jan 2025';
const OPENALGO_FREEZE = 'OpenAlgo data/qtyfreeze.csv (updated 2025-12-20)';

export const CONTRACT_SPECS: Readonly<Record<Underlying, UnderlyingSpec>> = {
  NIFTY: {
    exchange: 'NFO',
    listedFrom: '2000-06-12',
    strikeStep: 50,
    lots: [
      { fromExpiry: '2000-01-01', lotSize: 75, source: 'NSE lot size in force in 2020' },
      { fromExpiry: '2021-07-30', lotSize: 50, source: 'NSE 2021 lot revision after the Jul 2021 monthly (verify)' },
      { fromExpiry: '2024-04-26', lotSize: 25, source: 'NSE circular Feb 2024, contracts after the Apr 2024 monthly (market.md §5.2)' },
      { fromExpiry: '2024-11-29', lotSize: 75, source: NOV_2024 },
      { fromExpiry: '2026-01-01', lotSize: 65, source: JAN_2026 },
    ],
    freeze: [
      { from: '2000-01-01', freezeQty: 2800, source: 'NSE freeze limit before the Nov 2024 lot revision (verify)' },
      { from: '2024-11-20', freezeQty: 1800, source: OPENALGO_FREEZE },
    ],
    expiries: [
      { from: '2000-01-01', weekly: THU, monthly: THU, source: 'NIFTY weekly options (2019) on Thursday' },
      { from: '2025-09-01', weekly: TUE, monthly: TUE, source: TUESDAY },
    ],
  },
  BANKNIFTY: {
    exchange: 'NFO',
    listedFrom: '2005-06-13',
    strikeStep: 100,
    lots: [
      { fromExpiry: '2000-01-01', lotSize: 25, source: 'NSE lot size in force in 2020 (verify: 20 before mid-2020)' },
      { fromExpiry: '2023-06-30', lotSize: 15, source: 'NSE circular 2023: 15 from the Jul 2023 contracts' },
      { fromExpiry: '2024-11-29', lotSize: 30, source: NOV_2024 },
      { fromExpiry: '2025-07-31', lotSize: 35, source: APR_2025 },
      { fromExpiry: '2026-01-01', lotSize: 30, source: JAN_2026 },
    ],
    freeze: [
      { from: '2000-01-01', freezeQty: 900, source: 'NSE freeze limit 2023–2024 (verify)' },
      { from: '2024-11-20', freezeQty: 600, source: OPENALGO_FREEZE },
    ],
    expiries: [
      { from: '2000-01-01', weekly: THU, monthly: THU, source: 'BANKNIFTY weekly options on Thursday' },
      { from: '2023-09-04', weekly: WED, monthly: THU, source: 'NSE circular 12 Jul 2023: weekly on Wednesday from 6 Sep 2023' },
      { from: '2024-03-01', weekly: WED, monthly: WED, source: 'NSE: monthly on the last Wednesday from Mar 2024 (verify)' },
      { from: '2024-11-20', weekly: null, monthly: WED, source: WEEKLY_CUT },
      { from: '2025-01-01', weekly: null, monthly: THU, source: THURSDAY_2025 },
      { from: '2025-09-01', weekly: null, monthly: TUE, source: TUESDAY },
    ],
  },
  FINNIFTY: {
    exchange: 'NFO',
    listedFrom: '2021-01-11',
    strikeStep: 50,
    lots: [
      { fromExpiry: '2000-01-01', lotSize: 40, source: 'FINNIFTY options launch lot (Jan 2021)' },
      { fromExpiry: '2024-07-26', lotSize: 25, source: 'NSE 2024 revision, from Jul 2024 (market.md §5.2)' },
      { fromExpiry: '2024-11-29', lotSize: 65, source: NOV_2024 },
      { fromExpiry: '2026-01-01', lotSize: 60, source: JAN_2026 },
    ],
    freeze: [
      { from: '2000-01-01', freezeQty: 1800, source: 'NSE freeze limit before Nov 2024 (verify)' },
      { from: '2024-11-20', freezeQty: 1200, source: OPENALGO_FREEZE },
    ],
    expiries: [
      { from: '2000-01-01', weekly: TUE, monthly: TUE, source: 'FINNIFTY weekly and monthly on Tuesday since launch' },
      { from: '2024-11-20', weekly: null, monthly: TUE, source: WEEKLY_CUT },
      { from: '2025-01-01', weekly: null, monthly: THU, source: THURSDAY_2025 },
      { from: '2025-09-01', weekly: null, monthly: TUE, source: TUESDAY },
    ],
  },
  MIDCPNIFTY: {
    exchange: 'NFO',
    listedFrom: '2022-01-24',
    strikeStep: 25,
    lots: [
      { fromExpiry: '2000-01-01', lotSize: 75, source: 'MIDCPNIFTY options launch lot (Jan 2022)' },
      { fromExpiry: '2024-07-26', lotSize: 50, source: 'NSE 2024 revision, from Jul 2024 (market.md §5.2)' },
      { fromExpiry: '2024-11-29', lotSize: 120, source: NOV_2024 },
      { fromExpiry: '2025-07-31', lotSize: 140, source: APR_2025 },
      { fromExpiry: '2026-01-01', lotSize: 120, source: JAN_2026 },
    ],
    freeze: [
      { from: '2000-01-01', freezeQty: 4200, source: 'NSE freeze limit before Nov 2024 (verify)' },
      { from: '2024-11-20', freezeQty: 2800, source: OPENALGO_FREEZE },
    ],
    expiries: [
      { from: '2000-01-01', weekly: TUE, monthly: TUE, source: 'MIDCPNIFTY launch: Tuesday expiries (verify)' },
      { from: '2023-08-21', weekly: MON, monthly: MON, source: 'NSE: MIDCPNIFTY expiries on Monday from 21 Aug 2023 (market.md §5.3)' },
      { from: '2024-11-20', weekly: null, monthly: MON, source: WEEKLY_CUT },
      { from: '2025-01-01', weekly: null, monthly: THU, source: THURSDAY_2025 },
      { from: '2025-09-01', weekly: null, monthly: TUE, source: TUESDAY },
    ],
  },
  SENSEX: {
    exchange: 'BFO',
    listedFrom: '2023-05-15',
    strikeStep: 100,
    lots: [
      { fromExpiry: '2000-01-01', lotSize: 10, source: 'BSE SENSEX relaunch lot (May 2023)' },
      { fromExpiry: '2024-11-29', lotSize: 20, source: 'BSE revision under SEBI circular 2024/132 (verify the first expiry)' },
    ],
    freeze: [{ from: '2000-01-01', freezeQty: undefined, source: 'BSE freeze limits are not tabulated here; OpenAlgo returns 1 (unknown) for BFO' }],
    expiries: [
      { from: '2000-01-01', weekly: FRI, monthly: FRI, source: 'BSE SENSEX weekly on Friday from 15 May 2023' },
      { from: '2025-01-01', weekly: TUE, monthly: TUE, source: 'BSE: Tuesday expiries from 1 Jan 2025' },
      { from: '2025-09-01', weekly: THU, monthly: THU, source: 'SEBI 2025/76; BSE: Thursday expiries from 1 Sep 2025' },
    ],
  },
};
