/**
 * Session times as dated data. Minutes are IST minutes since midnight. A rule applies from its `from`
 * date (inclusive) until the next rule's `from`.
 */
export const Segment = { equity: 'equity', fno: 'fno' } as const;
export type Segment = (typeof Segment)[keyof typeof Segment];

export interface SegmentHours {
  readonly open: number;
  readonly close: number;
  /**
   * End of continuous trading when the session ends in a closing auction (cash segment from
   * 2026-08-03): orders between this and `close` go to the auction.
   */
  readonly continuousClose?: number;
}

export interface SessionRule {
  readonly from: string;
  readonly equity: SegmentHours;
  readonly fno: SegmentHours;
  readonly source: string;
}

const hm = (h: number, m: number): number => h * 60 + m;

export const SESSION_RULES: readonly SessionRule[] = [
  {
    from: '2000-01-01',
    equity: { open: hm(9, 15), close: hm(15, 30) },
    fno: { open: hm(9, 15), close: hm(15, 30) },
    source: 'NSE normal market 09:15–15:30 IST for cash and F&O',
  },
  {
    // OpenAlgo database/market_calendar_db.py (openalgo.md §6): NFO/BFO 09:15–15:40, NSE/BSE 09:15–15:30,
    // cash continuous trading to 15:15 then the closing auction. The 15:15 figure is OpenAlgo's.
    from: '2026-08-03',
    equity: { open: hm(9, 15), close: hm(15, 30), continuousClose: hm(15, 15) },
    fno: { open: hm(9, 15), close: hm(15, 40) },
    source: 'SEBI Closing Auction Session circular HO/47/11/11(3)2025-MRD-POD2/I/2765/2026, effective 2026-08-03',
  },
];

/** A halt inside a session, [from, to) in IST minutes. */
export interface SessionBreak {
  readonly from: number;
  readonly to: number;
}

export const SpecialKind = {
  /** A full or partial session on a weekend or holiday: a trading day for settlement and expiry counts. */
  special: 'special',
  /** Diwali Muhurat: a token evening hour on a holiday; not a trading day for expiry purposes. */
  muhurat: 'muhurat',
} as const;
export type SpecialKind = (typeof SpecialKind)[keyof typeof SpecialKind];

export interface SpecialSession {
  readonly date: string;
  readonly kind: SpecialKind;
  readonly open: number;
  readonly close: number;
  readonly breaks?: readonly SessionBreak[];
  readonly name: string;
}

/** Both segments trade the same window on these days. */
export const NSE_SPECIAL_SESSIONS: readonly SpecialSession[] = [
  { date: '2020-02-01', kind: 'special', open: hm(9, 15), close: hm(15, 30), name: 'Union Budget (Saturday)' },
  { date: '2020-11-14', kind: 'muhurat', open: hm(18, 15), close: hm(19, 15), name: 'Muhurat trading' },
  { date: '2021-11-04', kind: 'muhurat', open: hm(18, 15), close: hm(19, 15), name: 'Muhurat trading' },
  { date: '2022-10-24', kind: 'muhurat', open: hm(18, 15), close: hm(19, 15), name: 'Muhurat trading' },
  { date: '2023-11-12', kind: 'muhurat', open: hm(18, 15), close: hm(19, 15), name: 'Muhurat trading' },
  { date: '2024-01-20', kind: 'special', open: hm(9, 15), close: hm(15, 30), name: 'Full session (Saturday) before the 22 Jan holiday' },
  {
    date: '2024-03-02',
    kind: 'special',
    open: hm(9, 15),
    close: hm(12, 30),
    breaks: [{ from: hm(10, 0), to: hm(11, 30) }],
    name: 'Special session with switch-over to the DR site (Saturday)',
  },
  {
    date: '2024-05-18',
    kind: 'special',
    open: hm(9, 15),
    close: hm(12, 30),
    breaks: [{ from: hm(10, 0), to: hm(11, 30) }],
    name: 'Special session with switch-over to the DR site (Saturday)',
  },
  { date: '2024-11-01', kind: 'muhurat', open: hm(18, 0), close: hm(19, 0), name: 'Muhurat trading' },
  { date: '2025-02-01', kind: 'special', open: hm(9, 15), close: hm(15, 30), name: 'Union Budget (Saturday)' },
  { date: '2025-10-21', kind: 'muhurat', open: hm(13, 45), close: hm(14, 45), name: 'Muhurat trading' },
  // verify: NSE announced a live session for the Sunday budget; the 2026 Muhurat time is not yet listed
  // here (add it through extendCalendar once announced).
  { date: '2026-02-01', kind: 'special', open: hm(9, 15), close: hm(15, 30), name: 'Union Budget (Sunday), verify' },
];
