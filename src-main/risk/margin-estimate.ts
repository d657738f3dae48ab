import { istDateKey } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import { legValue, type ValuedLeg } from './valuation.ts';

/**
 * A SPAN-like margin estimate, used when the broker's figure (OpenAlgo `/margin`) is not at hand.
 *
 * Per underlying, the legs are revalued in full (Black-76) over SPAN's sixteen scenarios: spot moved by
 * 0, ±⅓, ±⅔ and ±1 of the price scan range, each with IV up and down by the volatility scan range, plus
 * the two extreme moves (±2 × the range) of which `extremeMoveCover` (35 %) counts. The scan risk is the
 * worst loss, floored by the short-option minimum (a % of the notional of each short option). Exposure
 * margin adds a % of the notional of short options and futures, and more for short options on their
 * expiry day (SEBI circular of 1 Oct 2024, in force from 20 Nov 2024: +2 %).
 *
 * Long options need their premium, paid in full, and no margin; a group holding only long options has
 * margin 0. Futures come out at scan range + exposure % of notional (6 % + 2 % by default).
 *
 * Limits of the estimate: the scan ranges are configured constants, not NSE's daily risk parameter
 * file; no calendar-spread charge, no inter-commodity credit, no premium credit for options sold, no
 * delivery margin for physically settled stock derivatives. Where real margin matters (live trading),
 * the order manager should fetch OpenAlgo's figure, which then wins.
 */
export interface GroupMargin {
  readonly underlying: string;
  readonly scanRisk: number;
  readonly shortOptionMinimum: number;
  readonly exposure: number;
  readonly total: number;
}

export interface MarginEstimate {
  readonly total: number;
  readonly groups: readonly GroupMargin[];
}

type MarginParams = RiskConfig['margin'];

function scenarios(p: MarginParams): { spotPct: number; ivPoints: number; weight: number }[] {
  const out: { spotPct: number; ivPoints: number; weight: number }[] = [];
  for (const f of [0, 1 / 3, -1 / 3, 2 / 3, -2 / 3, 1, -1]) {
    for (const v of [1, -1]) out.push({ spotPct: f * p.priceScanPct, ivPoints: v * p.volScanPoints, weight: 1 });
  }
  out.push({ spotPct: 2 * p.priceScanPct, ivPoints: 0, weight: p.extremeMoveCover });
  out.push({ spotPct: -2 * p.priceScanPct, ivPoints: 0, weight: p.extremeMoveCover });
  return out;
}

function groupMargin(underlying: string, legs: readonly ValuedLeg[], p: MarginParams, today: string): GroupMargin {
  const shortOptions = legs.filter((l) => l.option && l.quantity < 0);
  const linear = legs.filter((l) => !l.option);
  if (shortOptions.length === 0 && linear.length === 0) return { underlying, scanRisk: 0, shortOptionMinimum: 0, exposure: 0, total: 0 };
  const base = legs.reduce((s, l) => s + legValue(l), 0);
  let scanRisk = 0;
  for (const sc of scenarios(p)) {
    const value = legs.reduce((s, l) => s + legValue(l, sc.spotPct, sc.ivPoints), 0);
    scanRisk = Math.max(scanRisk, (base - value) * sc.weight);
  }
  let shortNotional = 0;
  let expiringNotional = 0;
  for (const l of shortOptions) {
    const notional = -l.quantity * l.spot;
    shortNotional += notional;
    if (l.instrument.kind === 'option' && istDateKey(l.instrument.expiry) === today) expiringNotional += notional;
  }
  const linearNotional = linear.reduce((s, l) => s + Math.abs(l.quantity) * l.mark, 0);
  const shortOptionMinimum = (shortNotional * p.shortOptionMinimumPct) / 100;
  const exposure = ((shortNotional + linearNotional) * p.exposurePct + expiringNotional * p.expiryDayExtraPct) / 100;
  const total = Math.max(scanRisk, shortOptionMinimum) + exposure;
  return { underlying, scanRisk, shortOptionMinimum, exposure, total };
}

/** One leg per instrument: a short and the order buying it back are no short at all. */
export function netLegs(legs: readonly ValuedLeg[]): ValuedLeg[] {
  const byInstrument = new Map<string, ValuedLeg>();
  for (const l of legs) {
    const cur = byInstrument.get(l.instrument.id);
    byInstrument.set(l.instrument.id, cur ? { ...cur, quantity: cur.quantity + l.quantity } : l);
  }
  return [...byInstrument.values()];
}

export function estimateMargin(legs: readonly ValuedLeg[], p: MarginParams, ts: number): MarginEstimate {
  const byUnderlying = new Map<string, ValuedLeg[]>();
  for (const l of netLegs(legs)) {
    if (l.quantity === 0) continue;
    const group = byUnderlying.get(l.underlying);
    if (group) group.push(l);
    else byUnderlying.set(l.underlying, [l]);
  }
  const today = istDateKey(ts);
  const groups = [...byUnderlying].map(([u, g]) => groupMargin(u, g, p, today));
  return { total: groups.reduce((s, g) => s + g.total, 0), groups };
}

/** Rupees paid for long options (their current value): capital tied up without margin. */
export function longPremium(legs: readonly ValuedLeg[]): number {
  let sum = 0;
  for (const l of netLegs(legs)) if (l.option && l.quantity > 0) sum += l.quantity * l.mark;
  return sum;
}
