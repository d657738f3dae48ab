import { istDateKey } from '#core/time-ist';
import { expiryInstant } from '#options/expiry';
import type { DailyHistory } from '../var/historical.ts';
import { legValueAfter, type MarketScenario } from '../var/scenario.ts';
import type { ValuedLeg } from '../valuation.ts';

/** Where a scenario's figures come from, stated in the report. */
export type StressSource = 'defined' | 'stored history' | 'recorded figures';

/**
 * A named stress: one or more market moves (the book is judged on the worst of them: a whipsaw must be
 * survived both ways) applied after `dtYears` of calendar time (0: an instant shock).
 */
export interface StressScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: StressSource;
  readonly moves: readonly MarketScenario[];
  readonly dtYears: number;
}

/**
 * A historical day: the move from the previous session's close to the day's close. Figures recorded
 * from the public reports cited, used when the stored history lacks the day.
 */
interface HistoricDay {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly previous: string;
  readonly niftyReturn: number;
  /** India VIX points added; undefined when the level is recorded instead. */
  readonly vixPoints?: number;
  readonly vixLevel?: number;
  readonly facts: string;
}

export const HISTORIC_DAYS: readonly HistoricDay[] = [
  {
    id: 'covid-2020-03-23',
    name: 'COVID crash, 23 Mar 2020',
    date: '2020-03-23',
    previous: '2020-03-20',
    niftyReturn: -0.1298,
    vixLevel: 71.6,
    facts: 'NIFTY 50 fell 1,135 points (12.98 %) to 7,610 on 23 Mar 2020, its steepest one-day fall (Times of India, 23 Mar 2020); India VIX rose above 70 that day (70.85 in the morning, Business Standard) and is taken to 71.6',
  },
  {
    id: 'election-2024-06-04',
    name: 'Election results, 4 Jun 2024',
    date: '2024-06-04',
    previous: '2024-06-03',
    niftyReturn: -0.0593,
    vixPoints: 5.8,
    facts: 'NIFTY 50 fell 5.93 % (1,379.40 points) to 21,884.50; India VIX rose 27.7 % to 26.74, about +5.8 points (Business Today and NDTV Profit, 4 Jun 2024)',
  },
  {
    id: 'budget-2020-02-01',
    name: 'Union Budget, 1 Feb 2020',
    date: '2020-02-01',
    previous: '2020-01-31',
    niftyReturn: -0.0251,
    vixPoints: 0,
    facts: 'NIFTY 50 fell about 300 points (2.51 %) to below 11,700, the largest Budget-day fall in 11 years (CNBC-TV18, 1 Feb 2020); no India VIX figure recorded, so IV is left unchanged',
  },
];

const spot = (pct: number): string => `${pct > 0 ? '+' : '−'}${Math.abs(pct)} %`;

function instant(id: string, name: string, description: string, move: Omit<MarketScenario, 'label'>): StressScenario {
  return { id, name, description, source: 'defined', moves: [{ label: name, ...move }], dtYears: 0 };
}

/** The day from stored history when every series has both closes, else from the recorded figures. */
function historicDay(day: HistoricDay, vixNow: number, underlyings: readonly string[], history: DailyHistory | undefined): StressScenario {
  const close = (series: readonly { date: string; close: number }[] | undefined, date: string): number | undefined => series?.find((c) => c.date === date)?.close;
  const vix0 = close(history?.vix, day.previous);
  const vix1 = close(history?.vix, day.date);
  const returns: Record<string, number> = {};
  let stored = vix0 !== undefined && vix1 !== undefined;
  for (const u of underlyings) {
    const a = close(history?.underlyings[u], day.previous);
    const b = close(history?.underlyings[u], day.date);
    if (a === undefined || b === undefined) stored = false;
    else returns[u] = b / a - 1;
  }
  if (stored) {
    const ivPoints = vix1! - vix0!;
    return { id: day.id, name: day.name, description: `Replayed from stored closes of ${day.previous} and ${day.date} (${[...underlyings, 'India VIX'].join(', ')}).`, source: 'stored history', moves: [{ label: day.name, returns, ivPoints }], dtYears: 0 };
  }
  const ivPoints = day.vixLevel !== undefined ? Math.max(0, day.vixLevel - vixNow) : (day.vixPoints ?? 0);
  return {
    id: day.id,
    name: day.name,
    description: `Stored history lacks the day, so recorded figures are used: ${day.facts}. Every underlying moves as NIFTY did; IV ${day.vixLevel !== undefined ? `rises to VIX ${day.vixLevel} (+${ivPoints.toFixed(1)} points from ${vixNow})` : `moves ${ivPoints} points`}.`,
    source: 'recorded figures',
    moves: [{ label: day.name, returns: {}, all: day.niftyReturn, ivPoints }],
    dtYears: 0,
  };
}

/**
 * Expiry-day pin: each underlying with options of the book expiring today closes exactly at one of
 * those strikes, IV unchanged, and the book is valued at the close (expiring options at intrinsic).
 * Of the strikes, the one worst for the book is taken. None when nothing of the book expires today.
 */
function expiryPin(legs: readonly ValuedLeg[], ts: number): StressScenario | undefined {
  const today = istDateKey(ts);
  const close = expiryInstant(today);
  if (ts >= close) return undefined;
  const expiring = legs.filter((l) => l.instrument.kind === 'option' && istDateKey(l.instrument.expiry) === today);
  if (expiring.length === 0) return undefined;
  const dtYears = (close - ts) / 60_000 / 525_600;
  const returns: Record<string, number> = {};
  for (const u of new Set(expiring.map((l) => l.underlying))) {
    const mine = legs.filter((l) => l.underlying === u);
    const strikes = [...new Set(expiring.filter((l) => l.underlying === u).map((l) => l.option!.strike))];
    const pnlAt = (k: number): number => mine.reduce((sum, l) => sum + legValueAfter(l, k / l.spot - 1, 0, dtYears), 0);
    const worst = strikes.reduce((a, b) => (pnlAt(b) < pnlAt(a) ? b : a));
    returns[u] = worst / mine[0]!.spot - 1;
  }
  const where = Object.entries(returns)
    .map(([u, r]) => `${u} at ${(spotOf(legs, u) * (1 + r)).toFixed(0)}`)
    .join(', ');
  return { id: 'expiry-pin', name: 'Expiry-day pin', description: `Spot closes today pinned on the book's worst expiring strike (${where}), IV unchanged; options expiring today at intrinsic.`, source: 'defined', moves: [{ label: 'pin', returns, ivPoints: 0 }], dtYears };
}

const spotOf = (legs: readonly ValuedLeg[], u: string): number => legs.find((l) => l.underlying === u)!.spot;

export interface CatalogInputs {
  readonly legs: readonly ValuedLeg[];
  readonly ts: number;
  /** India VIX now, points. */
  readonly vixNow: number;
  readonly history?: DailyHistory;
  /** The whipsaw's swing each way, % (default 2) and its IV rise, points (default 5). */
  readonly whipsawPct?: number;
  readonly whipsawIvPoints?: number;
}

/** Every named stress for this book now. */
export function stressCatalog(i: CatalogInputs): StressScenario[] {
  const underlyings = [...new Set(i.legs.map((l) => l.underlying))];
  const w = i.whipsawPct ?? 2;
  const wv = i.whipsawIvPoints ?? 5;
  const out: StressScenario[] = [
    ...[3, 5, 8].map((p) => instant(`gap-down-${p}`, `Gap down ${p} %`, `Every underlying opens ${spot(-p)}, IV unchanged.`, { returns: {}, all: -p / 100, ivPoints: 0 })),
    ...[10, 20].map((v) => instant(`vix-up-${v}`, `VIX +${v} points`, `Every option's IV rises ${v} points, spot unchanged.`, { returns: {}, all: 0, ivPoints: v })),
    ...HISTORIC_DAYS.map((d) => historicDay(d, i.vixNow, underlyings, i.history)),
    {
      id: 'whipsaw',
      name: 'Whipsaw',
      description: `Spot swings ${spot(w)} and ${spot(-w)} within the day with IV ${wv} points higher; the book is judged on the worse swing (stops triggered on the way are not simulated).`,
      source: 'defined',
      moves: [
        { label: `whipsaw ${spot(w)}`, returns: {}, all: w / 100, ivPoints: wv },
        { label: `whipsaw ${spot(-w)}`, returns: {}, all: -w / 100, ivPoints: wv },
      ],
      dtYears: 0,
    },
  ];
  const pin = expiryPin(i.legs, i.ts);
  if (pin) out.push(pin);
  return out;
}
