/**
 * Statutory F&O charge rates by trade date (market.md §5.1). Rates are fractions of turnover
 * (0.001 = 0.1 %). A row applies from `from` (inclusive) until the next row.
 */
export interface ChargeRates {
  readonly from: string;
  /** STT on the option premium, sell side. */
  readonly sttOptionSell: number;
  /** STT on the settlement value of exercised options (buyer, on intrinsic value). */
  readonly sttOptionExercise: number;
  readonly sttFutureSell: number;
  /** Exchange transaction charge on premium (options) or notional (futures), both sides. */
  readonly nseOptions: number;
  readonly nseFutures: number;
  readonly bseOptions: number;
  /** NSE Investor Protection Fund Trust levy, charged with the transaction charge. */
  readonly ipftOptions: number;
  readonly ipftFutures: number;
  /** SEBI turnover fee, both sides. */
  readonly sebi: number;
  /** Stamp duty, buy side only. */
  readonly stampOptions: number;
  readonly stampFutures: number;
  readonly gst: number;
  readonly source: string;
}

/**
 * NSE exchange transaction charges before 1 Oct 2024 were slab-based on each member's monthly turnover
 * (SEBI's circular of 1 Jul 2024 replaced the slabs with one flat rate). No NSE circular giving the slab
 * rates could be found and read for this table, so the pre-October 2024 NSE rates below are UNCONFIRMED:
 * the top-slab rates brokers quoted in 2021–Mar 2023, 0.053 % of option premium and 0.002 % of futures
 * turnover (a Zerodha charge table as reproduced by garvthakur.com), and the same ÷ 1.06 outside that
 * span, because NSE's board statement of 24 Mar 2023 (reported by The Hindu, BusinessLine and Reuters)
 * says a 6 % increase applied from 1 Jan 2021 and was rolled back from 1 Apr 2023. One broker report gives
 * 0.0495 % for options in 2024; it is unconfirmed too. The same statement sets the NSE IPFT levy to ₹50 per
 * crore on options and ₹10 per crore on futures from 1 Apr 2023.
 *
 * Searched again (1 Dec 2026) for an NSE circular with the options slab table: the stored web pages and
 * documentation (queries on NSE transaction-charge circulars, equity-options slabs per crore of premium,
 * incremental billable premium turnover, 0.0495 %, 4,950 per crore, the 1 Jan 2021 revision,
 * nsearchives). Found only secondary reports: that NSE's options charge was slab-based on each member's
 * incremental monthly premium turnover (Livemint, on the NSE circular introducing slabs above ₹3 crore;
 * Financial Express, 29 Dec 2016, on NSE's slab concessions) and a 2016-era broker forum figure of
 * ₹5,100 per crore of premium; and BSE's own notice 20231020-46 (a primary source, but for SENSEX options:
 * ₹2,000–3,750 per crore by slab). None gives NSE's rate table, so the rows stay UNCONFIRMED. A member's
 * effective rate depended on its monthly turnover, so a single rate per date is an approximation anyway.
 * A third search (1 Dec 2026: the NSE/FAOP circular number of the 1 Oct 2024 change, ₹49.5 per lakh and
 * 0.0495 % of premium, "0.000495" in broker calculators' source, NSE slab tables by monthly premium
 * turnover) found reports of the 27 Sep 2024 circular's new rates only (PTI in Rediff, Hindustan Times,
 * NDTV Profit, GoodReturns quoting it: ₹35.03 per lakh of premium, ₹1.73 per lakh of futures turnover,
 * each side, which the 2024-10-01 row uses), plus older slab news (NDTV, 30 May 2015: 32 % and 45 %
 * concessions above ₹799 and ₹1,299 crore of monthly premium) and broker sheets quoting 0.05 % or 0.053 %.
 * No NSE circular with the pre-October 2024 options table, nor the 0.0495 % figure, was found.
 */
const NSE_SLABS_UNCONFIRMED = 'NSE options/futures transaction charge: slab-based, top-slab rate, UNCONFIRMED (see CHARGE_RATES)';
const NSE_MARCH_2023 = 'NSE board statement 24 Mar 2023 (The Hindu, BusinessLine): 6 % increase of 1 Jan 2021 rolled back from 1 Apr 2023; IPFT ₹50/crore options, ₹10/crore futures';

export const CHARGE_RATES: readonly ChargeRates[] = [
  {
    from: '2020-07-01',
    sttOptionSell: 0.0005,
    sttOptionExercise: 0.00125,
    sttFutureSell: 0.0001,
    nseOptions: 0.0005,
    nseFutures: 0.000019,
    bseOptions: 0.0005,
    ipftOptions: 0,
    ipftFutures: 0,
    sebi: 0.000001,
    stampOptions: 0.00003,
    stampFutures: 0.00002,
    gst: 0.18,
    source: `Indian Stamp Act amendment (uniform stamp duty from 1 Jul 2020); STT 0.05 %; ${NSE_SLABS_UNCONFIRMED}: 0.053 % ÷ 1.06; BSE options approximate`,
  },
  {
    from: '2021-01-01',
    sttOptionSell: 0.0005,
    sttOptionExercise: 0.00125,
    sttFutureSell: 0.0001,
    nseOptions: 0.00053,
    nseFutures: 0.00002,
    bseOptions: 0.0005,
    ipftOptions: 0,
    ipftFutures: 0,
    sebi: 0.000001,
    stampOptions: 0.00003,
    stampFutures: 0.00002,
    gst: 0.18,
    source: `${NSE_MARCH_2023} (the increase); ${NSE_SLABS_UNCONFIRMED}: 0.053 % / 0.002 % as brokers quoted them`,
  },
  {
    from: '2023-04-01',
    sttOptionSell: 0.000625,
    sttOptionExercise: 0.00125,
    sttFutureSell: 0.000125,
    nseOptions: 0.0005,
    nseFutures: 0.000019,
    bseOptions: 0.0005,
    ipftOptions: 0.000005,
    ipftFutures: 0.000001,
    sebi: 0.000001,
    stampOptions: 0.00003,
    stampFutures: 0.00002,
    gst: 0.18,
    source: `Finance Act 2023: STT options sell 0.0625 %, futures 0.0125 %; ${NSE_MARCH_2023}; ${NSE_SLABS_UNCONFIRMED}: 0.053 % ÷ 1.06`,
  },
  {
    from: '2024-10-01',
    sttOptionSell: 0.001,
    sttOptionExercise: 0.00125,
    sttFutureSell: 0.0002,
    nseOptions: 0.0003503,
    nseFutures: 0.0000173,
    bseOptions: 0.000325,
    ipftOptions: 0.000005,
    ipftFutures: 0.000001,
    sebi: 0.000001,
    stampOptions: 0.00003,
    stampFutures: 0.00002,
    gst: 0.18,
    source: 'Finance (No. 2) Act 2024 (STT); SEBI circular 1 Jul 2024 and NSE/BSE circulars 27 Sep 2024 (uniform exchange charges)',
  },
  {
    from: '2026-04-01',
    sttOptionSell: 0.0015,
    sttOptionExercise: 0.0015,
    sttFutureSell: 0.0005,
    nseOptions: 0.0003503,
    nseFutures: 0.0000173,
    bseOptions: 0.000325,
    ipftOptions: 0.000005,
    ipftFutures: 0.000001,
    sebi: 0.000001,
    stampOptions: 0.00003,
    stampFutures: 0.00002,
    gst: 0.18,
    source: 'Finance Bill 2026 clause 143 (s.98 Finance (No. 2) Act 2004), transactions on or after 1 Apr 2026: check the final Act',
  },
];
