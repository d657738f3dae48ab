import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { SignalRegime } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import type { RegimeInputs, RegimeSource } from '../contract/models.ts';
import type { IndicatorSpec } from '../contract/indicator-spec.ts';
import type { StudyRequirement } from '../contract/requirements.ts';
import { clamp } from './source.ts';

export type Regime = SignalRegime['regime'];
export type { RegimeInputs, RegimeReading, RegimeSource } from '../contract/models.ts';

export interface RegimeRules {
  readonly vixVolatile: number;
  readonly atrPctVolatile: number;
  readonly bandwidthPctVolatile: number;
  readonly adxTrending: number;
}

/** Defaults on 5-minute bars: NIFTY's 5m ATR runs near 0.1 % and its 20-bar bandwidth near 0.6 %. */
export const DEFAULT_REGIME_RULES: RegimeRules = { vixVolatile: 22, atrPctVolatile: 0.25, bandwidthPctVolatile: 1.5, adxTrending: 25 };

export const REGIME_SPECS = {
  adx: { kind: 'adx', period: 14 },
  atr: { kind: 'atr', period: 14 },
  bollinger: { kind: 'bollinger', period: 20, k: 2 },
} as const satisfies Record<string, IndicatorSpec>;

export function regimeStudies(instrumentId: InstrumentId, timeframe: Timeframe): StudyRequirement[] {
  return Object.values(REGIME_SPECS).map((indicator) => ({ instrumentId, timeframe, indicator }));
}

/**
 * Volatile when any of VIX, ATR % or bandwidth % is at or above its threshold; otherwise trending when
 * ADX is at or above its threshold, else ranging. Confidence grows with the distance past the line that
 * decided (0.5 on the line, 1 at 50 % past it; ADX 30 points).
 */
export function ruleRegime(rules: RegimeRules = DEFAULT_REGIME_RULES): RegimeSource {
  return {
    classify(inputs) {
      if (inputs.adx === undefined) return undefined;
      const over: { name: string; ratio: number }[] = [];
      if (inputs.vix !== undefined && inputs.vix >= rules.vixVolatile) over.push({ name: `VIX ${inputs.vix.toFixed(2)} ≥ ${rules.vixVolatile}`, ratio: inputs.vix / rules.vixVolatile });
      if (inputs.atrPct !== undefined && inputs.atrPct >= rules.atrPctVolatile) over.push({ name: `ATR ${inputs.atrPct.toFixed(3)} % ≥ ${rules.atrPctVolatile} %`, ratio: inputs.atrPct / rules.atrPctVolatile });
      if (inputs.bandwidthPct !== undefined && inputs.bandwidthPct >= rules.bandwidthPctVolatile) {
        over.push({ name: `bandwidth ${inputs.bandwidthPct.toFixed(2)} % ≥ ${rules.bandwidthPctVolatile} %`, ratio: inputs.bandwidthPct / rules.bandwidthPctVolatile });
      }
      if (over.length > 0) {
        const top = over.reduce((a, b) => (b.ratio > a.ratio ? b : a));
        return { regime: 'volatile', confidence: clamp(0.5 + (top.ratio - 1), 0.5, 1), source: 'rules', inputs, reason: over.map((o) => o.name).join(', ') };
      }
      const d = inputs.adx - rules.adxTrending;
      if (d >= 0) return { regime: 'trending', confidence: clamp(0.5 + d / 30, 0.5, 1), source: 'rules', inputs, reason: `ADX ${inputs.adx.toFixed(1)} ≥ ${rules.adxTrending}` };
      return { regime: 'ranging', confidence: clamp(0.5 - d / 30, 0.5, 1), source: 'rules', inputs, reason: `ADX ${inputs.adx.toFixed(1)} < ${rules.adxTrending}, nothing volatile` };
    },
  };
}

/** Reads the classifier's inputs from the declared regime studies; `vix` is India VIX's last level, if known. */
export function readRegimeInputs<P, S>(ctx: BotContext<P, S>, instrumentId: InstrumentId, timeframe: Timeframe, vix: number | undefined): RegimeInputs {
  const adx = ctx.studies.indicator(instrumentId, timeframe, REGIME_SPECS.adx)?.values.adx;
  const atr = ctx.studies.indicator(instrumentId, timeframe, REGIME_SPECS.atr)?.values.atr;
  const bb = ctx.studies.indicator(instrumentId, timeframe, REGIME_SPECS.bollinger)?.values.bandwidth;
  const close = ctx.market(instrumentId).lastBar(timeframe)?.close;
  return {
    ...(adx !== undefined ? { adx } : {}),
    ...(atr !== undefined && close ? { atrPct: (atr / close) * 100 } : {}),
    ...(bb !== undefined ? { bandwidthPct: bb * 100 } : {}),
    ...(vix !== undefined ? { vix } : {}),
  };
}
