import type { Theme } from '../stores/prefs-store.ts';

export interface ChartColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly volumeUp: string;
  readonly volumeDown: string;
  readonly lines: Readonly<Record<string, string>>;
  readonly bullZone: string;
  readonly bearZone: string;
}

const LINES = {
  ema20: '#f2c94c',
  ema50: '#bb86fc',
  vwap: '#56ccf2',
  'bb.upper': '#6fcf97',
  'bb.middle': '#6fcf9799',
  'bb.lower': '#6fcf97',
  'kc.upper': '#f2994a',
  'kc.middle': '#f2994a99',
  'kc.lower': '#f2994a',
  rsi: '#bb86fc',
  'macd.macd': '#56ccf2',
  'macd.signal': '#f2994a',
  'adx.adx': '#f2c94c',
  'adx.plusDi': '#26a69a',
  'adx.minusDi': '#ef5350',
};

export const CHART_COLORS: Readonly<Record<Theme, ChartColors>> = {
  dark: {
    background: '#0f141a',
    text: '#c9d1d9',
    grid: '#1c2430',
    border: '#2a3441',
    up: '#26a69a',
    down: '#ef5350',
    volumeUp: 'rgba(38,166,154,0.35)',
    volumeDown: 'rgba(239,83,80,0.35)',
    lines: LINES,
    bullZone: 'rgba(38,166,154,0.14)',
    bearZone: 'rgba(239,83,80,0.14)',
  },
  light: {
    background: '#ffffff',
    text: '#1f2328',
    grid: '#eef1f4',
    border: '#d0d7de',
    up: '#089981',
    down: '#d63a36',
    volumeUp: 'rgba(8,153,129,0.3)',
    volumeDown: 'rgba(214,58,54,0.3)',
    lines: { ...LINES, ema20: '#b58900', vwap: '#0a7ea4', rsi: '#8250df', 'adx.adx': '#b58900' },
    bullZone: 'rgba(8,153,129,0.12)',
    bearZone: 'rgba(214,58,54,0.12)',
  },
};
