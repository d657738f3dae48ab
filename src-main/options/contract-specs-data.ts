/**
 * Index-derivative contract specifications in time. A lot size belongs to a CONTRACT and a TRADE DATE
 * (`lot-size.ts` reads the revisions below): a revision leaves existing weekly and monthly contracts at
 * their old lot until they expire, and moves existing quarterly/half-yearly contracts on a stated trade
 * date. Expiry rules are keyed by expiry date. Weekday: 0 = Sunday … 6 = Saturday. Sources beside each
 * change; "verify" marks entries not read from the exchange's circular or a verbatim quote of it.
 */
export const Underlying = {
  NIFTY: 'NIFTY',
  BANKNIFTY: 'BANKNIFTY',
  FINNIFTY: 'FINNIFTY',
  MIDCPNIFTY: 'MIDCPNIFTY',
  SENSEX: 'SENSEX',
} as const;
export type Underlying = (typeof Underlying)[keyof typeof Underlying];

export interface Lot {
  readonly lotSize: number;
  readonly source: string;
}

/**
 * One exchange revision of an index's market lot. Contracts listed on or after `from` carry `lotSize`.
 * On earlier trade dates every contract still has the previous lot. From `from` on, these keep the
 * previous lot: weekly contracts expiring on or before `weekliesThrough`, monthly contracts of the months
 * up to `monthliesThrough`, and existing quarterly/half-yearly contracts up to the trade date
 * `longDatedAfter` (the circular's end-of-day date; absent: they switch at `from` with the rest).
 */
export interface LotRevision extends Lot {
  /** First trade date of the revision (YYYY-MM-DD). */
  readonly from: string;
  /** Last weekly expiry keeping the old lot; absent when no existing weekly outlived `from`. */
  readonly weekliesThrough?: string;
  /** Last month (YYYY-MM) whose monthly contract keeps the old lot. */
  readonly monthliesThrough: string;
  readonly longDatedAfter?: string;
}

export interface LotHistory {
  /** The lot in force when the table starts (2020) or the index was listed. */
  readonly initial: Lot;
  /** In date order. */
  readonly revisions: readonly LotRevision[];
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
  readonly lots: LotHistory;
  readonly freeze: readonly FreezeChange[];
  readonly expiries: readonly ExpiryRule[];
}

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;

// Lot revisions. "Quoted" means the exchange circular's own words as reproduced by the named page; the
// circular PDFs themselves (nseindia.com, bseindia.com) could not be opened from here.
const NOV_2024 =
  'SEBI/HO/MRD/TPD-1/P/CIR/2024/132 (1 Oct 2024); NSE/FAOP/64625 (18 Oct 2024), quoted by Business Standard 19 Oct 2024: ' +
  '"existing weekly and monthly expiry contracts will continue with the existing lot size till its respective expiry date"; ' +
  'quarterly/half-yearly moved at EOD 24 Dec 2024 (BANKNIFTY) and 26 Dec 2024 (NIFTY). Last old-lot expiries from the ' +
  'annexure as tabulated by Angel One and Sharekhan (26 Nov 2024): NIFTY weekly 19 Dec 2024, monthlies to Jan 2025; ' +
  'BANKNIFTY, FINNIFTY, MIDCPNIFTY monthlies to Jan 2025';
const NOV_2024_BSE =
  'BSE circular under SEBI 2024/132 (contracts introduced after 20 Nov 2024 carry 20), as tabulated by Angel One: last ' +
  'old-lot weekly 3 Jan 2025, monthly Jan 2025; long-dated moved at EOD 27 Dec 2024 (share.market)';
const APR_2025 =
  'NSE circular of 28 Mar 2025 (effective 25 Apr 2025), quoted by NDTV Profit and Angel One: monthlies of Apr, May, Jun 2025 ' +
  'keep the old lot, first revised monthly 31 Jul 2025; all BANKNIFTY quarterlies traded from 25 Apr 2025 carry the new lot';
const JAN_2026 =
  'NSE/FAOP/70616 (3 Oct 2025, effective EOD 28 Oct 2025), as tabulated by ScanX and share.market: last old-lot weekly ' +
  '23 Dec 2025, monthly 30 Dec 2025; existing quarterly/half-yearly contracts revised from EOD 30 Dec 2025';
const MAY_2021 =
  'NSE/FAOP/47854 (31 Mar 2021, effective 30 Apr 2021), read in full: July 2021 monthly and later and August 2021 weeklies ' +
  'and later carry 50; May and June monthlies keep 75; existing long-term options move to 50 after the June 2021 expiry';
const APR_2024 =
  'NSE circular (Mar 2024, effective 26 Apr 2024; number not seen), as tabulated by Zerodha (2 Apr 2024) and Business Standard ' +
  '(3 Apr 2024)';
const WEEKLY_CUT = 'NSE/FAOP/64506 (10 Oct 2024): one weekly benchmark per exchange from 20 Nov 2024';
const TUESDAY = 'SEBI/HO/MRD/TPD-1/P/CIR/2025/76 (26 May 2025); NSE FAOP68589 (17 Jun 2025): Tuesday from expiries on/after 1 Sep 2025';
const THURSDAY_2025 = 'NSE circular (Nov 2024): all NSE monthly expiries on the last Thursday from Jan 2025';
const OPENALGO_FREEZE = 'OpenAlgo data/qtyfreeze.csv (updated 2025-12-20)';

export const CONTRACT_SPECS: Readonly<Record<Underlying, UnderlyingSpec>> = {
  NIFTY: {
    exchange: 'NFO',
    listedFrom: '2000-06-12',
    strikeStep: 50,
    lots: {
      initial: { lotSize: 75, source: 'NSE/FAOP/47854 (31 Mar 2021): present market lot 75' },
      revisions: [
        { lotSize: 50, from: '2021-04-30', weekliesThrough: '2021-07-22', monthliesThrough: '2021-06', longDatedAfter: '2021-06-24', source: MAY_2021 },
        // 50 → 25 divides the lot, so every contract expiring after 25 Apr 2024 moved on the effective date.
        { lotSize: 25, from: '2024-04-26', weekliesThrough: '2024-04-25', monthliesThrough: '2024-04', source: `${APR_2024}: all contracts expiring after 25 Apr 2024 trade at 25; first weekly 2 May, first monthly 30 May 2024` },
        { lotSize: 75, from: '2024-11-20', weekliesThrough: '2024-12-19', monthliesThrough: '2025-01', longDatedAfter: '2024-12-26', source: NOV_2024 },
        { lotSize: 65, from: '2025-10-29', weekliesThrough: '2025-12-23', monthliesThrough: '2025-12', longDatedAfter: '2025-12-30', source: JAN_2026 },
      ],
    },
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
    lots: {
      initial: { lotSize: 20, source: 'NSE lot in force in early 2020 (Zerodha TradingQ&A on the 2020 circular: "revised from 20 to 25")' },
      revisions: [
        {
          lotSize: 25,
          from: '2020-05-01',
          weekliesThrough: '2020-07-23',
          monthliesThrough: '2020-06',
          source:
            'NSE circular of 2020 as summarised by Zerodha TradingQ&A: weeklies of 2–23 Jul 2020 at 20, the 30 Jul 2020 monthly and later at 25 ' +
            '(verify: the circular\'s effective date was not seen; 1 May 2020 is the day the July monthly was listed)',
        },
        {
          lotSize: 15,
          from: '2023-04-28',
          weekliesThrough: '2023-07-20',
          monthliesThrough: '2023-06',
          longDatedAfter: '2023-06-29',
          source:
            'NSE circular of Mar 2023 (effective 28 Apr 2023), quoted by Mint 1 Apr 2023: Apr–Jun 2023 monthlies keep 25, July 2023 monthly ' +
            'and August 2023 weeklies and later at 15, long-term options "revised from 25 to 15 after expiry of June 2023 contracts (i.e. June 30, 2023)"',
        },
        { lotSize: 30, from: '2024-11-20', monthliesThrough: '2025-01', longDatedAfter: '2024-12-24', source: NOV_2024 },
        { lotSize: 35, from: '2025-04-25', monthliesThrough: '2025-06', source: APR_2025 },
        { lotSize: 30, from: '2025-10-29', monthliesThrough: '2025-12', longDatedAfter: '2025-12-30', source: JAN_2026 },
      ],
    },
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
    lots: {
      initial: { lotSize: 40, source: 'NSE/FAOP/47854 (31 Mar 2021): FINNIFTY present market lot 40' },
      revisions: [
        { lotSize: 25, from: '2024-04-26', weekliesThrough: '2024-07-23', monthliesThrough: '2024-06', source: `${APR_2024}: first monthly 30 Jul 2024, first weekly 6 Aug 2024` },
        { lotSize: 65, from: '2024-11-20', monthliesThrough: '2025-01', source: NOV_2024 },
        { lotSize: 60, from: '2025-10-29', monthliesThrough: '2025-12', source: JAN_2026 },
      ],
    },
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
    lots: {
      initial: { lotSize: 75, source: 'MIDCPNIFTY launch lot (Jan 2022); 75 in the Apr 2023 circular as quoted by Mint' },
      revisions: [
        { lotSize: 50, from: '2024-04-26', weekliesThrough: '2024-07-22', monthliesThrough: '2024-06', source: `${APR_2024}: first monthly 29 Jul 2024, first weekly 5 Aug 2024` },
        { lotSize: 120, from: '2024-11-20', monthliesThrough: '2025-01', source: NOV_2024 },
        { lotSize: 140, from: '2025-04-25', monthliesThrough: '2025-06', source: APR_2025 },
        { lotSize: 120, from: '2025-10-29', monthliesThrough: '2025-12', source: JAN_2026 },
      ],
    },
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
    lots: {
      initial: { lotSize: 10, source: 'BSE SENSEX relaunch, 15 May 2023 (BSE statement quoted by Mint 28 Mar 2023)' },
      revisions: [{ lotSize: 20, from: '2024-11-20', weekliesThrough: '2025-01-03', monthliesThrough: '2025-01', longDatedAfter: '2024-12-27', source: NOV_2024_BSE }],
    },
    freeze: [{ from: '2000-01-01', freezeQty: undefined, source: 'BSE freeze limits are not tabulated here; OpenAlgo returns 1 (unknown) for BFO' }],
    expiries: [
      { from: '2000-01-01', weekly: FRI, monthly: FRI, source: 'BSE SENSEX weekly on Friday from 15 May 2023' },
      { from: '2025-01-01', weekly: TUE, monthly: TUE, source: 'BSE: Tuesday expiries from 1 Jan 2025' },
      { from: '2025-09-01', weekly: THU, monthly: THU, source: 'SEBI 2025/76; BSE: Thursday expiries from 1 Sep 2025' },
    ],
  },
};
