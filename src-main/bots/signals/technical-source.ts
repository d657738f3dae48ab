import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { StudiesReader } from '../contract/context.ts';
import type { IndicatorSpec } from '../contract/indicator-spec.ts';
import type { StudyRequirement } from '../contract/requirements.ts';
import { available, clamp, notAvailable, signed, type SourceView } from './source.ts';

/** The indicators the technical source reads; declare them with `technicalStudies`. */
export const TECHNICAL_SPECS = {
  emaFast: { kind: 'ema', period: 9 },
  emaSlow: { kind: 'ema', period: 21 },
  macd: { kind: 'macd', fast: 12, slow: 26, signal: 9 },
  rsi: { kind: 'rsi', period: 14 },
  adx: { kind: 'adx', period: 14 },
  vwap: { kind: 'vwap' },
} as const satisfies Record<string, IndicatorSpec>;

export function technicalStudies(instrumentId: InstrumentId, timeframe: Timeframe): StudyRequirement[] {
  return Object.values(TECHNICAL_SPECS).map((indicator) => ({ instrumentId, timeframe, indicator }));
}

/** A directional lean below this (of 1) is no direction. */
const NEUTRAL_BAND = 0.15;

/**
 * The technical-indicator source: five votes in −1..+1 averaged: EMA(9) against EMA(21), the sign of the
 * MACD histogram, RSI's distance from 50 (full at 30/70), +DI against −DI weighted by ADX (none at 15,
 * full from 40), and the close against session VWAP. Confidence is the size of the average lean.
 */
export function technicalSource(studies: StudiesReader, instrumentId: InstrumentId, timeframe: Timeframe, close: number): SourceView {
  const read = (spec: IndicatorSpec) => studies.indicator(instrumentId, timeframe, spec)?.values;
  const emaF = read(TECHNICAL_SPECS.emaFast);
  const emaS = read(TECHNICAL_SPECS.emaSlow);
  const macd = read(TECHNICAL_SPECS.macd);
  const rsi = read(TECHNICAL_SPECS.rsi);
  const adx = read(TECHNICAL_SPECS.adx);
  const vwap = read(TECHNICAL_SPECS.vwap);
  const votes: number[] = [];
  const parts: string[] = [];
  if (emaF && emaS) {
    votes.push(Math.sign(emaF.ema! - emaS.ema!));
    parts.push(`EMA9 ${emaF.ema! >= emaS.ema! ? '≥' : '<'} EMA21`);
  }
  if (macd) {
    votes.push(Math.sign(macd.histogram!));
    parts.push(`MACD hist ${signed(macd.histogram!)}`);
  }
  if (rsi) {
    votes.push(clamp((rsi.rsi! - 50) / 20, -1, 1));
    parts.push(`RSI ${rsi.rsi!.toFixed(1)}`);
  }
  if (adx) {
    votes.push(Math.sign(adx.plusDi! - adx.minusDi!) * clamp((adx.adx! - 15) / 25, 0, 1));
    parts.push(`ADX ${adx.adx!.toFixed(1)} (${adx.plusDi! >= adx.minusDi! ? '+DI' : '−DI'} leads)`);
  }
  if (vwap) {
    votes.push(Math.sign(close - vwap.vwap!));
    parts.push(`close ${close >= vwap.vwap! ? '≥' : '<'} VWAP`);
  }
  if (votes.length === 0) return notAvailable('technical', `indicators on ${instrumentId} ${timeframe} still warming up`);
  const lean = votes.reduce((a, b) => a + b, 0) / votes.length;
  const direction = lean >= NEUTRAL_BAND ? 'long' : lean <= -NEUTRAL_BAND ? 'short' : 'neutral';
  const missing = votes.length < 5 ? ` (${5 - votes.length} of 5 indicators not warm)` : '';
  return available('technical', direction, Math.abs(lean), `${parts.join(', ')} → ${signed(lean)}${missing}`);
}
