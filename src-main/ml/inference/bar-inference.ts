import type { Bar } from '#model/bar';
import { TIMEFRAME_MINUTES } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { BreakArg } from '../features/break-context.ts';
import { featuresAt, sampleSize } from '../features/feature-set.ts';
import { applyNorm } from '../features/normalisation.ts';
import { toColumns, type BarColumns } from '../features/series.ts';
import { MODEL_CATALOG, type ModelKind } from '../models/catalog.ts';
import type { MarketAccess } from '../ports.ts';
import type { ModelSlots } from './model-slot.ts';
import { PriceActionTracker, type FreshBreak } from './price-action-tracker.ts';

/** A break is "fresh" for the validator while it became known within the last 3 bars. */
export const FRESH_BREAK_BARS = 3;
/** Bars read per instrument: the longest feature window (225) and room for the price-action detectors. */
const WINDOW = 300;
const BAR_KINDS = ['rsi-lstm', 'pattern-cnn', 'break-validator'] as const;
/** The longest feature window of the bar models: the bars the features read. */
const FEATURE_WINDOW = Math.max(...BAR_KINDS.map((k) => MODEL_CATALOG[k].features.window + (k === 'break-validator' ? FRESH_BREAK_BARS : 0)));
type BarKind = (typeof BAR_KINDS)[number];

/** What the bar models said about one instrument at its last closed bar. */
export interface BarOutputs {
  readonly underlying: InstrumentId;
  readonly barStart: number;
  readonly close: number;
  readonly rsi?: { readonly modelId: string; readonly pUp: number; readonly rsiNext: number; readonly rsiNow: number };
  readonly pattern?: { readonly modelId: string; readonly probs: readonly number[] };
  readonly validator?: { readonly modelId: string; readonly p: number; readonly brk: FreshBreak };
  /** Models that gave nothing, and why (not installed, failed, warming up, no fresh break). */
  readonly missing: readonly { readonly kind: ModelKind; readonly reason: string }[];
}

export type BarInferenceResult = { readonly ok: true; readonly outputs: BarOutputs } | { readonly ok: false; readonly reason: string };

interface Pending {
  readonly underlying: InstrumentId;
  readonly cols: BarColumns;
  readonly rows: Partial<Record<BarKind, number>>;
  readonly brk?: FreshBreak;
  readonly missing: { kind: ModelKind; reason: string }[];
}

/**
 * Features → models for the instruments the bots ask about, on the models' timeframe. Outputs are kept
 * per instrument until its next bar closes (or a model is swapped), so bots asking about the same bar
 * share one inference; `prepare` runs several instruments as one batch per model.
 */
export function createBarInference(o: { readonly slots: ModelSlots; readonly market: MarketAccess }) {
  const timeframe = MODEL_CATALOG['rsi-lstm'].timeframe;
  const barMs = TIMEFRAME_MINUTES[timeframe] * 60_000;
  const cache = new Map<InstrumentId, { key: string; result: BarInferenceResult }>();
  const trackers = new Map<InstrumentId, PriceActionTracker>();
  const generations = () => BAR_KINDS.map((k) => o.slots[k].generation).join('.');

  function closedBars(underlying: InstrumentId, now: number): readonly Bar[] | string {
    const view = o.market(underlying);
    if (!view) return `no market data for ${underlying}`;
    const bars = view.bars(timeframe, WINDOW);
    // Closed bars only, and none ending after the instant asked about: no look-ahead even if the view lags `now`.
    let end = bars.length;
    while (end > 0 && bars[end - 1]!.tsStart + barMs > now) end--;
    return end === bars.length ? bars : bars.slice(0, end);
  }

  function prepare(underlyings: readonly InstrumentId[], now: number): void {
    const gen = generations();
    const todo: Pending[] = [];
    const counts: Record<BarKind, number> = { 'rsi-lstm': 0, 'pattern-cnn': 0, 'break-validator': 0 };
    for (const u of new Set(underlyings)) {
      const last = o.market(u)?.lastBar(timeframe);
      if (last && last.tsStart + barMs <= now && cache.get(u)?.key === `${last.tsStart}:${gen}`) continue;
      const bars = closedBars(u, now);
      if (typeof bars === 'string') {
        cache.set(u, { key: `none:${gen}`, result: { ok: false, reason: bars } });
        continue;
      }
      const key = `${bars.at(-1)?.tsStart ?? 'empty'}:${gen}`;
      if (cache.get(u)?.key === key) continue;
      const need = FEATURE_WINDOW;
      if (bars.length < need) {
        cache.set(u, { key, result: { ok: false, reason: `ML features warming up: ${bars.length} of ${need} closed ${timeframe} bars of ${u}` } });
        continue;
      }
      let tracker = trackers.get(u);
      if (!tracker) trackers.set(u, (tracker = new PriceActionTracker()));
      const brk = tracker.update(bars).break;
      // The features read the last `need` bars (the longest window); the detectors above read them all.
      const p: Pending = { underlying: u, cols: toColumns(bars.length > need ? bars.slice(bars.length - need) : bars), rows: {}, missing: [], ...(brk ? { brk } : {}) };
      for (const kind of BAR_KINDS) {
        const status = o.slots[kind].status();
        if (status.state !== 'available') p.missing.push({ kind, reason: status.reason });
        else if (kind === 'break-validator' && (!brk || brk.barsAgo >= FRESH_BREAK_BARS)) p.missing.push({ kind, reason: brk ? `last structure break ${brk.barsAgo} bars ago` : 'no structure break yet' });
        else p.rows[kind] = counts[kind]++;
      }
      todo.push(p);
      cache.set(u, { key, result: { ok: false, reason: 'pending' } });
    }
    if (todo.length === 0) return;
    const outputs = new Map<BarKind, Readonly<Record<string, Float32Array>> | undefined>();
    for (const kind of BAR_KINDS) {
      if (counts[kind] === 0) continue;
      const model = o.slots[kind].current!;
      const def = MODEL_CATALOG[kind];
      const size = sampleSize(def.features);
      const x = new Float32Array(counts[kind] * size);
      for (const p of todo) {
        const row = p.rows[kind];
        if (row === undefined) continue;
        const t = kind === 'break-validator' ? p.cols.length - 1 - p.brk!.barsAgo : p.cols.length - 1;
        const arg = kind === 'break-validator' ? ({ side: p.brk!.side, kind: p.brk!.kind, level: p.brk!.level } satisfies BreakArg) : undefined;
        if (!featuresAt(def.features, p.cols, t, x, row * size, arg as never)) {
          x.fill(0, row * size, (row + 1) * size);
          p.missing.push({ kind, reason: `${kind} features not computable at this bar` });
          delete p.rows[kind];
          continue;
        }
        applyNorm(model.manifest.norm, x, row * size, (row + 1) * size);
      }
      outputs.set(kind, o.slots[kind].run(x, counts[kind]));
    }
    for (const p of todo) cache.set(p.underlying, { key: cache.get(p.underlying)!.key, result: { ok: true, outputs: assemble(p, outputs) } });
  }

  function assemble(p: Pending, outputs: Map<BarKind, Readonly<Record<string, Float32Array>> | undefined>): BarOutputs {
    const missing = [...p.missing];
    const get = (kind: BarKind) => {
      const row = p.rows[kind];
      if (row === undefined) return undefined;
      const out = outputs.get(kind);
      if (!out) {
        missing.push({ kind, reason: o.slots[kind].status().state === 'available' ? `${kind} gave no output` : (o.slots[kind].status() as { reason: string }).reason });
        return undefined;
      }
      return { row, out, modelId: o.slots[kind].modelId ?? kind };
    };
    const last = p.cols.length - 1;
    const lstm = get('rsi-lstm');
    const cnn = get('pattern-cnn');
    const val = get('break-validator');
    const norm = lstm ? o.slots['rsi-lstm'].current?.manifest.norm : undefined;
    const rsiRaw = new Float32Array(MODEL_CATALOG['rsi-lstm'].features.dims[0]!);
    const haveRsi = lstm && norm && featuresAt(MODEL_CATALOG['rsi-lstm'].features, p.cols, last, rsiRaw, 0, undefined as never);
    const k = MODEL_CATALOG['pattern-cnn'].outputs[0]!.units;
    return {
      underlying: p.underlying,
      barStart: p.cols.tsStart[last]!,
      close: p.cols.close[last]!,
      ...(lstm && haveRsi
        ? { rsi: { modelId: lstm.modelId, pUp: lstm.out.p_up![lstm.row]!, rsiNext: lstm.out.rsi_next![lstm.row]! * norm.std[0]! + norm.mean[0]!, rsiNow: rsiRaw[rsiRaw.length - 1]! } }
        : {}),
      ...(cnn ? { pattern: { modelId: cnn.modelId, probs: Array.from(cnn.out.class_probs!.subarray(cnn.row * k, (cnn.row + 1) * k)) } } : {}),
      ...(val && p.brk ? { validator: { modelId: val.modelId, p: val.out.p_follow![val.row]!, brk: p.brk } } : {}),
      missing,
    };
  }

  return {
    prepare,
    /** The bar models' outputs for `underlying` at `now` (computed now if its last bar is new). */
    outputs(underlying: InstrumentId, now: number): BarInferenceResult {
      prepare([underlying], now);
      return cache.get(underlying)!.result;
    },
  };
}

export type BarInference = ReturnType<typeof createBarInference>;
