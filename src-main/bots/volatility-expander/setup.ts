import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { SignalInput } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import type { IndicatorSpec } from '../contract/indicator-spec.ts';
import type { IvLevels } from '../buyers/iv-levels.ts';
import { hasVolume, volumeUnavailable } from '../buyers/volume.ts';
import type { Gate } from '../signals/pipeline.ts';
import type { ExpanderParams } from './params.ts';

export interface CompressionSpecs {
  readonly bollinger: IndicatorSpec;
  readonly keltner: IndicatorSpec;
  readonly atr: IndicatorSpec;
}

export function compressionSpecs(p: ExpanderParams): CompressionSpecs {
  return {
    bollinger: { kind: 'bollinger', period: p.bbPeriod, k: p.bbK },
    keltner: { kind: 'keltner', period: p.kcPeriod, atrPeriod: p.kcAtrPeriod, k: p.kcK },
    atr: { kind: 'atr', period: p.atrPeriod },
  };
}

export interface SetupReading {
  readonly gates: Gate[];
  readonly notes: string[];
  readonly inputs: Record<string, SignalInput>;
  /** How far inside its threshold each measured filter sits, 0..1: the rule's strength is their mean. */
  readonly margins: number[];
}

const margin = (value: number, limit: number): number => Math.min(1, Math.max(0, 1 - value / limit));
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** IV percentile < 30 and IV rank < 20, from one window. */
export function ivGates(iv: IvLevels, p: ExpanderParams, out: SetupReading): void {
  if (!iv.ok) {
    out.gates.push({ name: 'iv-percentile', passed: false, reason: iv.reason });
    return;
  }
  out.notes.push(...iv.notes);
  const src = `${iv.source}, ${iv.days} days`;
  const pPass = iv.percentile < p.ivPercentileMax;
  out.gates.push({ name: 'iv-percentile', passed: pPass, reason: `IV percentile ${iv.percentile.toFixed(1)} ${pPass ? '<' : '≥'} ${p.ivPercentileMax} (${src})` });
  out.margins.push(margin(iv.percentile, p.ivPercentileMax));
  if (iv.rank === undefined) out.gates.push({ name: 'iv-rank', passed: false, reason: `IV rank undefined: the ${iv.days}-day window is flat` });
  else {
    const rPass = iv.rank < p.ivRankMax;
    out.gates.push({ name: 'iv-rank', passed: rPass, reason: `IV rank ${iv.rank.toFixed(1)} ${rPass ? '<' : '≥'} ${p.ivRankMax}` });
    out.margins.push(margin(iv.rank, p.ivRankMax));
  }
  Object.assign(out.inputs, { ivPercentile: round(iv.percentile, 2), ivRank: iv.rank === undefined ? null : round(iv.rank, 2), ivCurrent: iv.current, ivSource: iv.source });
}

/** Bollinger bandwidth < 1 % of price, Bollinger inside Keltner (the squeeze), ATR < 0.5 % of price. */
export function compressionGates<S>(ctx: BotContext<ExpanderParams, S>, index: InstrumentId, out: SetupReading): void {
  const p = ctx.params;
  const tf: Timeframe = p.setupTimeframe;
  const specs = compressionSpecs(p);
  const bb = ctx.studies.indicator(index, tf, specs.bollinger)?.values;
  const kc = ctx.studies.indicator(index, tf, specs.keltner)?.values;
  const atr = ctx.studies.indicator(index, tf, specs.atr)?.values.atr;
  const close = ctx.market(index).lastBar(tf)?.close;
  if (!bb || !kc || atr === undefined || close === undefined) {
    out.gates.push({ name: 'compression', passed: false, reason: `${tf} Bollinger, Keltner and ATR not warm yet` });
    return;
  }
  const bwPct = bb.bandwidth! * 100;
  const atrPct = (atr / close) * 100;
  const squeeze = bb.upper! < kc.upper! && bb.lower! > kc.lower!;
  out.gates.push({ name: 'bandwidth', passed: bwPct < p.bandwidthMaxPct, reason: `${tf} Bollinger bandwidth ${bwPct.toFixed(3)} % ${bwPct < p.bandwidthMaxPct ? '<' : '≥'} ${p.bandwidthMaxPct} % of price` });
  out.gates.push({
    name: 'squeeze',
    passed: squeeze,
    reason: squeeze
      ? `${tf} Bollinger ${bb.lower!.toFixed(2)}–${bb.upper!.toFixed(2)} inside Keltner ${kc.lower!.toFixed(2)}–${kc.upper!.toFixed(2)} (squeeze)`
      : `${tf} Bollinger ${bb.lower!.toFixed(2)}–${bb.upper!.toFixed(2)} not inside Keltner ${kc.lower!.toFixed(2)}–${kc.upper!.toFixed(2)} (no squeeze)`,
  });
  out.gates.push({ name: 'atr', passed: atrPct < p.atrMaxPct, reason: `${tf} ATR(${p.atrPeriod}) ${atrPct.toFixed(3)} % ${atrPct < p.atrMaxPct ? '<' : '≥'} ${p.atrMaxPct} % of price` });
  out.margins.push(margin(bwPct, p.bandwidthMaxPct), margin(atrPct, p.atrMaxPct));
  Object.assign(out.inputs, {
    bandwidthPct: round(bwPct, 4),
    bollingerUpper: round(bb.upper!, 2),
    bollingerLower: round(bb.lower!, 2),
    keltnerUpper: round(kc.upper!, 2),
    keltnerLower: round(kc.lower!, 2),
    squeeze,
    atrPct: round(atrPct, 4),
  });
}

/**
 * 3-day volume < 50 % of 20-day: the mean daily volume of the last completed days against the mean over
 * the baseline. Applied when the daily bars carry volume; an index's do not (see `buyers/volume.ts`).
 */
export function volumeGate<S>(ctx: BotContext<ExpanderParams, S>, index: InstrumentId, out: SetupReading): void {
  const p = ctx.params;
  const rule = `${p.volumeShortDays}-day volume < ${p.volumeRatioMaxPct} % of ${p.volumeLongDays}-day`;
  const days = ctx.market(index).bars('1d', p.volumeLongDays);
  if (!hasVolume(days)) {
    const u = volumeUnavailable(rule, index, p.volumeMissing);
    if (u.gate) out.gates.push(u.gate);
    out.notes.push(u.note);
    out.inputs.volumeRatioPct = null;
    return;
  }
  if (days.length < p.volumeLongDays) {
    out.notes.push(`${rule}: not applicable, only ${days.length} of ${p.volumeLongDays} days of volume`);
    out.inputs.volumeRatioPct = null;
    return;
  }
  const mean = (xs: readonly { volume: number }[]): number => xs.reduce((s, b) => s + b.volume, 0) / xs.length;
  const ratio = (mean(days.slice(-p.volumeShortDays)) / mean(days)) * 100;
  const passed = ratio < p.volumeRatioMaxPct;
  out.gates.push({ name: 'volume', passed, reason: `${p.volumeShortDays}-day volume ${ratio.toFixed(1)} % of the ${p.volumeLongDays}-day mean ${passed ? '<' : '≥'} ${p.volumeRatioMaxPct} %` });
  out.margins.push(margin(ratio, p.volumeRatioMaxPct));
  out.inputs.volumeRatioPct = round(ratio, 2);
}
