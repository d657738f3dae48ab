import type { StructureEvent } from './events.ts';
import type { OrderBlock } from './order-block-tracker.ts';
import type { OpenGap } from './fvg-stream.ts';
import type { LiquidityZone } from './liquidity-stream.ts';
import type { Pattern } from './patterns.ts';
import type { SwingPoint } from './structure-rule.ts';

/** strategies.md: market structure 25 %, order blocks 28 %, FVG 15 %, liquidity 22 %, patterns 10 %. */
export const PRICE_ACTION_WEIGHTS = { structure: 0.25, orderBlocks: 0.28, fairValueGaps: 0.15, liquidity: 0.22, patterns: 0.1 } as const;
export type ComponentScores = { readonly [K in keyof typeof PRICE_ACTION_WEIGHTS]: number };

export interface CompositeOptions {
  readonly weights: ComponentScores;
  /** Acts only at strength >= minStrength (0..100) and reward/risk >= minRewardRisk. */
  readonly minStrength: number;
  readonly minRewardRisk: number;
  /** Structure events, gaps and sweeps older than this many bars count half or not at all. */
  readonly lookback: number;
}

export const DEFAULT_COMPOSITE_OPTIONS: CompositeOptions = { weights: PRICE_ACTION_WEIGHTS, minStrength: 65, minRewardRisk: 1.5, lookback: 20 };

/** What the detectors know at bar t; build it with `snapshotOf(stream)`. */
export interface PriceActionState {
  readonly t: number;
  readonly price: number;
  readonly structure: StructureEvent | null;
  readonly freshBlocks: readonly OrderBlock[];
  readonly openGaps: readonly OpenGap[];
  readonly liquidity: readonly LiquidityZone[];
  readonly patterns: readonly Pattern[];
  readonly swings: readonly SwingPoint[];
}

export interface CompositeScore {
  readonly direction: 'long' | 'short' | 'neutral';
  /** 0..100 */
  readonly strength: number;
  /** Each 0..100, for the chosen direction. */
  readonly components: ComponentScores;
  readonly entry: number;
  readonly stop: number | null;
  readonly target: number | null;
  readonly rewardRisk: number | null;
  readonly actionable: boolean;
}

export function compositeScore(s: PriceActionState, opts: CompositeOptions = DEFAULT_COMPOSITE_OPTIONS): CompositeScore {
  const long = side(s, 1, opts);
  const short = side(s, -1, opts);
  const best = long.strength >= short.strength ? long : short;
  if (best.strength === 0) {
    const zero = { structure: 0, orderBlocks: 0, fairValueGaps: 0, liquidity: 0, patterns: 0 };
    return { direction: 'neutral', strength: 0, components: zero, entry: s.price, stop: null, target: null, rewardRisk: null, actionable: false };
  }
  const actionable = best.strength >= opts.minStrength && best.rewardRisk !== null && best.rewardRisk >= opts.minRewardRisk;
  return { ...best, actionable };
}

function side(s: PriceActionState, d: 1 | -1, opts: CompositeOptions): Omit<CompositeScore, 'actionable'> {
  const favourable = (level: number): boolean => (d === 1 ? level <= s.price : level >= s.price);
  const ahead = (level: number): boolean => (d === 1 ? level > s.price : level < s.price);
  const recent = (index: number): boolean => s.t - index <= opts.lookback;

  let structure = 0;
  if (s.structure !== null && s.structure.side === d) {
    structure = s.structure.kind === 'bos' ? 100 : 80;
    if (!recent(s.structure.knownAtIndex)) structure /= 2;
  }

  let orderBlocks = 0;
  let blockStop: number | null = null;
  for (const b of s.freshBlocks) {
    if (b.side !== d || !favourable(d === 1 ? b.bottom : b.top)) continue;
    const height = Math.max(b.top - b.bottom, Number.EPSILON);
    const dist = s.price >= b.bottom && s.price <= b.top ? 0 : Math.min(Math.abs(s.price - b.top), Math.abs(s.price - b.bottom));
    const score = Math.max(0, 100 - (50 * dist) / height);
    if (score > orderBlocks) {
      orderBlocks = score;
      blockStop = d === 1 ? b.bottom : b.top;
    }
  }

  let fairValueGaps = 0;
  for (const g of s.openGaps) {
    if (g.side !== d || !recent(g.index)) continue;
    const inside = s.price >= g.bottom && s.price <= g.top;
    if (inside) fairValueGaps = 100;
    else if (favourable(d === 1 ? g.bottom : g.top)) fairValueGaps = Math.max(fairValueGaps, 60);
  }

  let liquidity = 0;
  let target: number | null = null;
  for (const z of s.liquidity) {
    const level = z.levels.reduce((a, b) => a + b, 0) / z.levels.length;
    // A sweep of the opposite side's resting orders (stops under equal lows for a long) is the trigger.
    if (z.side === -d && z.sweptIndex !== null && recent(z.sweptIndex)) liquidity = 100;
    else if (z.side === d && z.sweptIndex === null && ahead(level)) {
      liquidity = Math.max(liquidity, 50);
      if (target === null || Math.abs(level - s.price) < Math.abs(target - s.price)) target = level;
    }
  }

  let patterns = 0;
  let patternTarget: number | null = null;
  for (const p of s.patterns) {
    if (p.side !== d) continue;
    patterns = Math.max(patterns, p.confirmed ? 100 : 50);
    if (ahead(p.target)) patternTarget = p.target;
  }

  const components = { structure, orderBlocks, fairValueGaps, liquidity, patterns };
  const w = opts.weights;
  const strength =
    structure * w.structure + orderBlocks * w.orderBlocks + fairValueGaps * w.fairValueGaps + liquidity * w.liquidity + patterns * w.patterns;

  const swingStop = [...s.swings].reverse().find((p) => p.side === -d && favourable(p.level))?.level ?? null;
  const stop = blockStop ?? swingStop;
  target ??= [...s.swings].reverse().find((p) => p.side === d && ahead(p.level))?.level ?? patternTarget;
  const risk = stop === null ? 0 : Math.abs(s.price - stop);
  const rewardRisk = stop !== null && target !== null && risk > 0 ? Math.abs(target - s.price) / risk : null;
  return { direction: d === 1 ? 'long' : 'short', strength, components, entry: s.price, stop, target, rewardRisk };
}
