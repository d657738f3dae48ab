import { latestTrendlines, lineAt, trendlineBreak } from '#indicators/price-action/index';
import { Rsi } from '#indicators/rsi';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { PriceActionReading } from '../contract/context.ts';
import { hasVolume, volumeUnavailable } from '../buyers/volume.ts';
import type { ConfirmationLayer } from '../signals/confirmation-source.ts';
import { clamp } from '../signals/source.ts';
import { predictiveRange, supportingBoundary } from './predictive-range.ts';

export type TradeDirection = 'long' | 'short';

const LAYER_KEYS: Readonly<Record<string, string>> = {
  'trendline break': 'trendlineScore',
  'predictive range': 'rangeScore',
  'fair value gaps': 'fvgScore',
  'volume sustained': 'volumeScore',
  'momentum alignment': 'momentumScore',
};

/** The layers' scores as signal inputs (`trendlineScore`, …). */
export function layerInputs(layers: readonly ConfirmationLayer[]): Record<string, number> {
  return Object.fromEntries(layers.map((l) => [LAYER_KEYS[l.name] ?? l.name, Number(l.score.toFixed(3))]));
}
const sideOf = (d: TradeDirection): 1 | -1 => (d === 'long' ? 1 : -1);

/**
 * Trendline break from pivots: for a long, the resistance through the last two falling swing highs
 * broken by a close within the last `recentBars` and price still above it (1); above it with the break
 * older (0.5); otherwise 0. Mirrored for a short (rising support). `bars` end at the reading's bar.
 */
export function trendlineLayer(pa: PriceActionReading | undefined, bars: readonly Bar[], d: TradeDirection, recentBars: number): ConfirmationLayer {
  const name = 'trendline break';
  if (!pa) return { name, score: 0, detail: 'price action still warming up' };
  const lines = latestTrendlines(pa.state.swings);
  const line = d === 'long' ? lines.resistance : lines.support;
  const kind = d === 'long' ? 'falling resistance' : 'rising support';
  if (!line) return { name, score: 0, detail: `no ${kind} through the last two pivots` };
  const t = pa.barIndex;
  const closeAt = (i: number): number | undefined => bars[bars.length - 1 - (t - i)]?.close;
  const now = closeAt(t)!;
  const beyond = d === 'long' ? now > lineAt(line, t) : now < lineAt(line, t);
  let brokeAt: number | undefined;
  for (let i = t; i > t - recentBars && brokeAt === undefined; i--) {
    const prev = closeAt(i - 1);
    const close = closeAt(i);
    if (prev !== undefined && close !== undefined && trendlineBreak(line, i, prev, close) === sideOf(d)) brokeAt = i;
  }
  const at = `${kind} at ${lineAt(line, t).toFixed(2)}`;
  if (beyond && brokeAt !== undefined) return { name, score: 1, detail: `close ${now.toFixed(2)} broke the ${at} ${t - brokeAt} bar(s) ago` };
  if (beyond) return { name, score: 0.5, detail: `close ${now.toFixed(2)} beyond the ${at}, broken more than ${recentBars} bars ago` };
  return { name, score: 0, detail: `close ${now.toFixed(2)} has not broken the ${at}` };
}

/** Entry within `entryAtr` ATR of the supporting predictive-range boundary: 1 inside, falling to 0 at twice that. */
export function rangeLayer(bars: readonly Bar[], d: TradeDirection, o: { readonly atrPeriod: number; readonly factor: number; readonly entryAtr: number }): ConfirmationLayer {
  const name = 'predictive range';
  const range = predictiveRange(bars, o.atrPeriod, o.factor);
  if (!range) return { name, score: 0, detail: `ATR(${o.atrPeriod}) not ready` };
  const price = bars.at(-1)!.close;
  const s = supportingBoundary(range, price, d);
  if (!s) return { name, score: 0, detail: `close ${price.toFixed(2)} is ${d === 'long' ? 'below' : 'above'} the whole range (centre ${range.average.toFixed(2)})` };
  const score = s.distanceAtr <= o.entryAtr ? 1 : clamp(1 - (s.distanceAtr - o.entryAtr) / o.entryAtr, 0, 1);
  return { name, score, detail: `close ${s.distanceAtr.toFixed(2)} ATR from the supporting boundary ${s.level.toFixed(2)} (within ${o.entryAtr} scores 1)` };
}

/** Fair value gaps still open from the last `lookback` bars: in the trade's direction only 1, both ways 0.5, none in its direction 0. */
export function fvgLayer(pa: PriceActionReading | undefined, d: TradeDirection, lookback: number): ConfirmationLayer {
  const name = 'fair value gaps';
  if (!pa) return { name, score: 0, detail: 'price action still warming up' };
  const recent = pa.state.openGaps.filter((g) => pa.barIndex - g.index < lookback);
  const withTrade = recent.filter((g) => g.side === sideOf(d)).length;
  const against = recent.length - withTrade;
  const score = withTrade === 0 ? 0 : against > 0 ? 0.5 : 1;
  return { name, score, detail: `${withTrade} open ${d === 'long' ? 'bullish' : 'bearish'} and ${against} opposite gap(s) in the last ${lookback} bars` };
}

/** The last `sustain` bars each above the average volume of the `avgBars` before them: the share that are. */
export function volumeLayer(bars: readonly Bar[], index: InstrumentId, o: { readonly sustain: number; readonly avgBars: number }): { layer: ConfirmationLayer | undefined; note: string | undefined } {
  const window = bars.slice(-o.sustain - o.avgBars);
  if (!hasVolume(window)) {
    // A confirmation layer never blocks: without volume it is left out of the mean, and said.
    return { layer: undefined, note: volumeUnavailable(`confirmation layer "volume sustained over ${o.sustain} bars"`, index, 'not-applicable').note };
  }
  const recent = window.slice(-o.sustain);
  const base = window.slice(0, -o.sustain);
  const avg = base.reduce((s, b) => s + b.volume, 0) / Math.max(1, base.length);
  const above = recent.filter((b) => b.volume > avg).length;
  return { layer: { name: 'volume sustained', score: above / o.sustain, detail: `${above} of the last ${o.sustain} bars above the ${base.length}-bar average ${avg.toFixed(0)}` }, note: undefined };
}

export interface MomentumInputs {
  readonly rsi: number | undefined;
  readonly macdHistogram: number | undefined;
}

/**
 * Bearish divergence for a long: over the last two windows of `n` bars, the later one closes higher but
 * its RSI peaks lower; mirrored (bullish) for a short. RSI is folded over `bars` oldest first.
 */
export function hasDivergence(bars: readonly Bar[], d: TradeDirection, rsiPeriod: number, n: number): boolean | undefined {
  const rsi = new Rsi(rsiPeriod);
  const series = bars.map((b) => rsi.update(b.close));
  if (bars.length < 2 * n || series.slice(-2 * n).some((x) => Number.isNaN(x))) return undefined;
  const closes = bars.slice(-2 * n).map((b) => b.close);
  const r = series.slice(-2 * n);
  const pick = d === 'long' ? Math.max : Math.min;
  const [p1, p2] = [pick(...closes.slice(0, n)), pick(...closes.slice(n))];
  const [r1, r2] = [pick(...r.slice(0, n)), pick(...r.slice(n))];
  return d === 'long' ? p2 > p1 && r2 < r1 : p2 < p1 && r2 > r1;
}

/** RSI inside [min, max], the MACD histogram on the trade's side, and no divergence: a third each. */
export function momentumLayer(m: MomentumInputs, divergence: boolean | undefined, d: TradeDirection, o: { readonly rsiMin: number; readonly rsiMax: number }): ConfirmationLayer {
  const parts: string[] = [];
  let score = 0;
  if (m.rsi === undefined) parts.push('RSI not ready');
  else {
    const ok = m.rsi >= o.rsiMin && m.rsi <= o.rsiMax;
    if (ok) score += 1 / 3;
    parts.push(`RSI ${m.rsi.toFixed(1)} ${ok ? 'inside' : 'outside'} ${o.rsiMin}–${o.rsiMax}`);
  }
  if (m.macdHistogram === undefined) parts.push('MACD not ready');
  else {
    const ok = Math.sign(m.macdHistogram) === sideOf(d);
    if (ok) score += 1 / 3;
    parts.push(`MACD histogram ${m.macdHistogram >= 0 ? '+' : ''}${m.macdHistogram.toFixed(2)} ${ok ? 'with' : 'against'} the trade`);
  }
  if (divergence === undefined) parts.push('divergence not measurable yet');
  else {
    if (!divergence) score += 1 / 3;
    parts.push(divergence ? `${d === 'long' ? 'bearish' : 'bullish'} RSI divergence` : 'no divergence');
  }
  return { name: 'momentum alignment', score, detail: parts.join(', ') };
}
