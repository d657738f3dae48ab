import { Adx } from '#indicators/adx';
import { Atr } from '#indicators/atr';
import { Bollinger } from '#indicators/bollinger';
import { Ema } from '#indicators/ema';
import { HistoricalVolatility } from '#indicators/historical-volatility';
import type { BarInput, Indicator } from '#indicators/indicator';
import { Keltner } from '#indicators/keltner';
import { Macd } from '#indicators/macd';
import { Mfi } from '#indicators/mfi';
import { Obv } from '#indicators/obv';
import { Rsi } from '#indicators/rsi';
import { Sma } from '#indicators/sma';
import { Squeeze } from '#indicators/squeeze';
import { Supertrend } from '#indicators/supertrend';
import { VolumeMa } from '#indicators/volume-ma';
import { Vwap } from '#indicators/vwap';

/**
 * The indicators a bot may declare, as data: the engine builds each once per instrument and timeframe,
 * streams closed bars into it, and every bot that declared the same spec reads the same values.
 */
export type IndicatorSpec =
  | { readonly kind: 'ema' | 'sma' | 'rsi' | 'atr' | 'adx' | 'mfi' | 'volume-ma' | 'hv'; readonly period: number }
  | { readonly kind: 'macd'; readonly fast: number; readonly slow: number; readonly signal: number }
  | { readonly kind: 'bollinger'; readonly period: number; readonly k: number }
  | { readonly kind: 'keltner'; readonly period: number; readonly atrPeriod: number; readonly k: number }
  | { readonly kind: 'squeeze'; readonly period: number; readonly bbK: number; readonly atrPeriod: number; readonly kcK: number }
  | { readonly kind: 'supertrend'; readonly atrPeriod: number; readonly factor: number }
  | { readonly kind: 'vwap' | 'obv' };

/** A streaming indicator fed whole bars (close-only indicators read the close). */
export interface BarStudy {
  readonly indicator: Indicator<BarInput> | Indicator<number>;
  readonly byClose: boolean;
}

/** Stable identity of a spec: `bollinger(20,2)`. */
export function indicatorKey(spec: IndicatorSpec): string {
  const { kind, ...rest } = spec;
  return `${kind}(${Object.values(rest).join(',')})`;
}

export function createIndicator(spec: IndicatorSpec): BarStudy {
  const close = (indicator: Indicator<number>): BarStudy => ({ indicator, byClose: true });
  const bar = (indicator: Indicator<BarInput>): BarStudy => ({ indicator, byClose: false });
  switch (spec.kind) {
    case 'ema':
      return close(new Ema(spec.period));
    case 'sma':
      return close(new Sma(spec.period));
    case 'rsi':
      return close(new Rsi(spec.period));
    case 'hv':
      return close(new HistoricalVolatility(spec.period));
    case 'macd':
      return close(new Macd(spec.fast, spec.slow, spec.signal));
    case 'bollinger':
      return close(new Bollinger(spec.period, spec.k));
    case 'atr':
      return bar(new Atr(spec.period));
    case 'adx':
      return bar(new Adx(spec.period));
    case 'mfi':
      return bar(new Mfi(spec.period));
    case 'volume-ma':
      return bar(new VolumeMa(spec.period));
    case 'keltner':
      return bar(new Keltner(spec.period, spec.atrPeriod, spec.k));
    case 'squeeze':
      return bar(new Squeeze(spec.period, spec.bbK, spec.atrPeriod, spec.kcK));
    case 'supertrend':
      return bar(new Supertrend(spec.atrPeriod, spec.factor));
    case 'vwap':
      return bar(new Vwap());
    case 'obv':
      return bar(new Obv());
  }
}

/** Bars an indicator needs before its primary output is defined. */
export const indicatorWarmUp = (spec: IndicatorSpec): number => createIndicator(spec).indicator.warmUp;
