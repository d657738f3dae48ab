import type { SignalDirection } from '#model/signal';
import type { CapitalView } from '../contract/context.ts';
import { sizedLots, type PlaybookView } from '../playbook.ts';
import type { Gate } from '../signals/pipeline.ts';
import type { SourceView } from '../signals/source.ts';
import type { RiderParams } from './params.ts';
import { rupees } from '../common/rupees.ts';

export type SizingParams = Pick<
  RiderParams,
  'riskPct' | 'strongStrength' | 'mediumStrength' | 'strongMultiplier' | 'mediumMultiplier' | 'mlHighConfidence' | 'mlAgreeMultiplier' | 'mlConflictMultiplier' | 'stopLossPct' | 'mlStopLossPct'
>;

export interface MlReading {
  /** ML agrees with the trade above the high-confidence line: tighter stop, larger size. */
  readonly high: boolean;
  /** ML points the other way: smaller size. */
  readonly conflict: boolean;
  readonly note: string | undefined;
}

/** What the ML source says about a trade in `direction`. */
export function readMl(ml: SourceView, direction: SignalDirection, p: Pick<RiderParams, 'mlHighConfidence'>): MlReading {
  if (ml.status !== 'ok') return { high: false, conflict: false, note: `ML source ${ml.status} (${ml.detail}): stop and size without the ML rules (no tighter stop, no ML multiplier)` };
  const high = ml.direction === direction && ml.score > p.mlHighConfidence;
  const conflict = ml.direction !== 'neutral' && ml.direction !== direction;
  return { high, conflict, note: undefined };
}

/** The stop in force for a new position: tightened when ML confidence is high. */
export const stopPctFor = (ml: MlReading, p: SizingParams): number => (ml.high ? p.mlStopLossPct : p.stopLossPct);

export interface RiskSizing {
  readonly lots: number;
  readonly multiplier: number;
  /** Each multiplier applied, as a sentence. */
  readonly factors: readonly string[];
  readonly gate: Gate;
  readonly notes: readonly string[];
}


/**
 * strategies.md: 1 % of capital as base risk, × 1.5 when strength ≥ 0.8, × 1.2 when ≥ 0.65; × 1.1 when
 * ML confidence is high, × 0.6 when ML conflicts. Risk is what a lot loses at the stop (premium × lot ×
 * stop %); lots are rounded down, then cut by the event-day factor, the bot's lot cap and free funds.
 */
export function riskLots(
  o: { readonly premium: number; readonly lotSize: number; readonly strength: number; readonly ml: MlReading; readonly capital: CapitalView; readonly view: Pick<PlaybookView, 'event' | 'sizeFactor'> },
  p: SizingParams,
): RiskSizing {
  const factors: string[] = [];
  let multiplier = 1;
  const apply = (x: number, why: string): void => {
    multiplier *= x;
    factors.push(`× ${x} (${why})`);
  };
  if (o.strength >= p.strongStrength) apply(p.strongMultiplier, `strength ${o.strength.toFixed(2)} ≥ ${p.strongStrength}`);
  else if (o.strength >= p.mediumStrength) apply(p.mediumMultiplier, `strength ${o.strength.toFixed(2)} ≥ ${p.mediumStrength}`);
  if (o.ml.high) apply(p.mlAgreeMultiplier, `ML confidence above ${p.mlHighConfidence}`);
  if (o.ml.conflict) apply(p.mlConflictMultiplier, 'ML points the other way');
  const stopPct = stopPctFor(o.ml, p);
  const risk = (o.capital.allocation * p.riskPct * multiplier) / 100;
  const perLot = (o.premium * o.lotSize * stopPct) / 100;
  const byRisk = Math.floor(risk / perLot + 1e-9);
  const notes: string[] = [];
  const event = sizedLots(byRisk, o.view);
  if (event.note) notes.push(event.note);
  let lots = event.lots;
  const free = Math.min(o.capital.allocation - o.capital.deployed, o.capital.availableFunds ?? Infinity);
  const affordable = Math.floor(Math.max(0, free) / (o.premium * o.lotSize) + 1e-9);
  if (lots > o.capital.maxLots) {
    notes.push(`lots cut from ${lots} to ${o.capital.maxLots}: the bot's maximum`);
    lots = o.capital.maxLots;
  }
  if (lots > affordable) {
    notes.push(`lots cut from ${lots} to ${affordable}: ${rupees(free)} free`);
    lots = affordable;
  }
  const basis = `risk ${p.riskPct} % of ${rupees(o.capital.allocation)}${factors.length ? ` ${factors.join(' ')}` : ''} = ${rupees(risk)} over ${rupees(perLot)} a lot at the ${stopPct} % stop`;
  return {
    lots,
    multiplier,
    factors,
    notes,
    gate: lots >= 1 ? { name: 'size', passed: true, reason: `${lots} lot(s): ${basis}` } : { name: 'size', passed: false, reason: `no whole lot: ${basis}${notes.length ? `; ${notes.join('; ')}` : ''}` },
  };
}
