import { STUDY_OUTPUTS, type StudyId } from '#contract/market-dto';

/** Studies drawn in a pane of their own under the candles, in this order; the rest overlay the price. */
export const PANE_STUDIES: readonly StudyId[] = ['rsi', 'macd', 'adx'];

export interface SeriesPlan {
  readonly study: StudyId;
  /** The output key in the studies stream. */
  readonly key: string;
  readonly kind: 'line' | 'histogram';
  readonly pane: boolean;
  /** Band edges and middles draw thinner than the main lines. */
  readonly thin: boolean;
}

/** Outputs read only to colour another series, never drawn themselves. */
const HIDDEN = new Set(['st.direction']);

/** The series to draw for the studies switched on: one per output, in the studies' canonical order. */
export function seriesPlan(ids: readonly StudyId[]): SeriesPlan[] {
  const on = new Set(ids);
  return (Object.keys(STUDY_OUTPUTS) as StudyId[])
    .filter((id) => on.has(id))
    .flatMap((study) =>
      STUDY_OUTPUTS[study]
        .filter((key) => !HIDDEN.has(key))
        .map((key) => ({
          study,
          key,
          kind: key === 'macd.histogram' ? ('histogram' as const) : ('line' as const),
          pane: PANE_STUDIES.includes(study),
          thin: key.startsWith('bb.') || key.startsWith('kc.') || key.startsWith('adx.') && key !== 'adx.adx',
        })),
    );
}

/** Names for the studies menu and the legend. */
export const STUDY_LABELS: Readonly<Record<StudyId, string>> = {
  ema20: 'EMA 20',
  ema50: 'EMA 50',
  vwap: 'VWAP',
  bollinger: 'Bollinger 20, 2',
  keltner: 'Keltner 20, 10, 2',
  supertrend: 'Supertrend 10, 3',
  rsi: 'RSI 14',
  macd: 'MACD 12, 26, 9',
  adx: 'ADX 14',
  'price-action': 'Price action (BOS/CHoCH, OB, FVG)',
};
