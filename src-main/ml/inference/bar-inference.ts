import { TIMEFRAME_MINUTES } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { BarFeatureStream, BREAK_CONTEXT_BARS } from '../features/bar-feature-stream.ts';
import { sampleSize } from '../features/feature-set.ts';
import { applyNorm } from '../features/normalisation.ts';
import { MODEL_CATALOG, MODEL_KINDS, type ModelKind } from '../models/catalog.ts';
import type { FreshBreak, MarketAccess, RegimeInputs, StructureBreaks } from '../ports.ts';
import { createJointRunner, type JointRunnerOptions, type KindFeed, type KindOutputs } from './joint-runner.ts';
import type { ModelSlots } from './model-slot.ts';
import type { RegimeModelSource } from './regime-source.ts';

/** A break is "fresh" for the validator while it became known within the last 3 bars. */
export const FRESH_BREAK_BARS = BREAK_CONTEXT_BARS;
/** Closed bars a new instrument's features start from: all the market keeps, for the longest burn-in. */
const SEED_BARS = 1000;
/** New bars read at once on a later bar; more missed than this and the features start again from the history. */
const CATCH_UP_BARS = 16;
const BAR_KINDS = ['rsi-lstm', 'pattern-cnn', 'break-validator'] as const;
/** The longest feature window of the bar models: closed bars needed before they answer. */
const FEATURE_WINDOW = Math.max(...BAR_KINDS.map((k) => MODEL_CATALOG[k].features.window + (k === 'break-validator' ? FRESH_BREAK_BARS : 0)));
type BarKind = (typeof BAR_KINDS)[number];
const SIZE: Readonly<Record<BarKind, number>> = { 'rsi-lstm': sampleSize(MODEL_CATALOG['rsi-lstm'].features), 'pattern-cnn': sampleSize(MODEL_CATALOG['pattern-cnn'].features), 'break-validator': sampleSize(MODEL_CATALOG['break-validator'].features) };

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
  readonly stream: BarFeatureStream;
  readonly rows: Partial<Record<BarKind, number>>;
  rsiNow: number;
  readonly brk?: FreshBreak;
  readonly missing: { kind: ModelKind; reason: string }[];
}

interface Instrument {
  stream: BarFeatureStream;
  /** The bar and the models' generations its result was computed for (NaN: none yet, or to be recomputed). */
  lastTs: number;
  generation: number;
  result: BarInferenceResult;
}

export interface BarInferenceOptions {
  readonly slots: ModelSlots;
  readonly market: MarketAccess;
  /** The price-action detectors' structure breaks (the bots' shared studies); without them the validator has nothing to validate. */
  readonly breaks?: StructureBreaks;
  readonly joint?: JointRunnerOptions;
  /** The regime classifier: given its inputs, `prepare` runs it in the same call and primes its answer. */
  readonly regime?: RegimeModelSource;
}

/**
 * Features → models for the instruments the bots ask about, on the models' timeframe. Each instrument's
 * features advance by the bars that closed since it was last asked (features/bar-feature-stream.ts), the
 * structure breaks come from the detectors the bots already run, and the three models run in one native
 * call (joint-runner.ts) on input buffers reused from bar to bar. Outputs are kept per instrument until
 * its next bar closes (or a model is swapped), so bots asking about the same bar share one inference;
 * `prepare` runs several instruments as one batch.
 */
export function createBarInference(o: BarInferenceOptions) {
  const timeframe = MODEL_CATALOG['rsi-lstm'].timeframe;
  const barMs = TIMEFRAME_MINUTES[timeframe] * 60_000;
  const instruments = new Map<InstrumentId, Instrument>();
  const runner = createJointRunner(o.slots, MODEL_KINDS, o.joint);
  const regimeWidth = sampleSize(MODEL_CATALOG.regime.features);
  const regimeUnits = MODEL_CATALOG.regime.outputs[0]!.units;
  let regimeX = new Float32Array(4 * regimeWidth);
  const inputs: Record<BarKind, Float32Array> = { 'rsi-lstm': new Float32Array(4 * SIZE['rsi-lstm']), 'pattern-cnn': new Float32Array(4 * SIZE['pattern-cnn']), 'break-validator': new Float32Array(4 * SIZE['break-validator']) };
  let breaks = o.breaks;
  /** Instruments the market does not know, and why (kept apart: they have no features to keep). */
  const failed = new Map<InstrumentId, string>();
  // Generations only grow, so their sum changes whenever any bar model is swapped or disabled.
  const generations = (): number => o.slots['rsi-lstm'].generation + o.slots['pattern-cnn'].generation + o.slots['break-validator'].generation;

  /** Brings the instrument's features up to its last bar closed by `now`; a string says why there is none. */
  function advance(u: InstrumentId, now: number): Instrument | string {
    const view = o.market(u);
    if (!view) return `no market data for ${u}`;
    let ins = instruments.get(u);
    const last = view.lastBar(timeframe);
    if (ins && (!last || last.tsStart === ins.stream.lastTs)) return ins;
    const fold = (s: BarFeatureStream, count: number): boolean => {
      const bars = view.bars(timeframe, count);
      if (bars.length === count && bars[0]!.tsStart > s.lastTs && s.count > 0) return false;
      // Closed bars only, and none ending after the instant asked about: no look-ahead even if the view runs ahead of `now`.
      for (const b of bars) if (b.tsStart > s.lastTs && b.tsStart + barMs <= now) s.push(b);
      return true;
    };
    try {
      if (ins && last && last.tsStart > ins.stream.lastTs && fold(ins.stream, CATCH_UP_BARS)) return ins;
      const stream = new BarFeatureStream();
      fold(stream, SEED_BARS);
      ins = { stream, lastTs: NaN, generation: NaN, result: { ok: false, reason: 'pending' } };
      instruments.set(u, ins);
      return ins;
    } catch (e) {
      // A bar the indicators refuse (not finite): no features from this history; the next bar tries afresh.
      instruments.delete(u);
      return `ML features of ${u}: ${(e as Error).message}`;
    }
  }

  /**
   * Runs the models for the instruments whose bar is new, all in one call. With `regimeInputs` (what the
   * regime hook will ask about each instrument at this instant) the regime classifier runs in the same
   * call and its answers are kept for the hook and the bots.
   */
  function prepare(underlyings: readonly InstrumentId[], now: number, regimeInputs?: (underlying: InstrumentId) => RegimeInputs | undefined): void {
    const gen = generations();
    const todo: Pending[] = [];
    const counts: Record<BarKind, number> = { 'rsi-lstm': 0, 'pattern-cnn': 0, 'break-validator': 0 };
    for (const u of underlyings) {
      if (todo.some((p) => p.underlying === u)) continue;
      const ins = advance(u, now);
      if (typeof ins === 'string') {
        instruments.delete(u);
        failed.set(u, ins);
        continue;
      }
      failed.delete(u);
      const s = ins.stream;
      if (ins.lastTs === s.lastTs && ins.generation === gen) continue;
      ins.lastTs = s.lastTs;
      ins.generation = gen;
      if (s.count < FEATURE_WINDOW) {
        ins.result = { ok: false, reason: `ML features warming up: ${s.count} of ${FEATURE_WINDOW} closed ${timeframe} bars of ${u}` };
        continue;
      }
      const reading = breaks?.(u);
      const brk = reading && reading.close === s.close ? reading.lastBreak : undefined;
      const p: Pending = { underlying: u, stream: s, rows: {}, rsiNow: NaN, missing: [], ...(brk ? { brk } : {}) };
      for (const kind of BAR_KINDS) {
        const status = o.slots[kind].status();
        if (status.state !== 'available') p.missing.push({ kind, reason: status.reason });
        else if (kind === 'break-validator' && (!brk || brk.barsAgo >= FRESH_BREAK_BARS)) p.missing.push({ kind, reason: breakAbsence(reading, s.close, brk) });
        else if (!features(kind, p, counts[kind])) p.missing.push({ kind, reason: `${kind} features not computable at this bar` });
        else p.rows[kind] = counts[kind]++;
      }
      todo.push(p);
    }
    if (todo.length === 0) return;
    const feeds: Partial<Record<ModelKind, KindFeed>> = {};
    for (const kind of BAR_KINDS) if (counts[kind] > 0) feeds[kind] = { x: inputs[kind], batch: counts[kind] };
    const regimeRows = regimeInputs && o.regime ? regimeFeed(todo, regimeInputs, o.regime) : [];
    if (regimeRows.length > 0) feeds.regime = { x: regimeX, batch: regimeRows.length };
    const outputs = runner.run(feeds);
    for (const p of todo) instruments.get(p.underlying)!.result = { ok: true, outputs: assemble(p, outputs) };
    const probs = outputs.regime?.[MODEL_CATALOG.regime.outputs[0]!.name];
    if (probs) regimeRows.forEach((inputs, row) => o.regime!.prime(inputs, probs, row * regimeUnits));
  }

  /** The regime rows of the instruments being run (those the classifier has not answered yet), written into `regimeX`. */
  function regimeFeed(todo: readonly Pending[], of: (u: InstrumentId) => RegimeInputs | undefined, regime: RegimeModelSource): RegimeInputs[] {
    const rows: RegimeInputs[] = [];
    for (const p of todo) {
      const inputs = of(p.underlying);
      if (!inputs) continue;
      if (regimeX.length < (rows.length + 1) * regimeWidth) {
        const grown = new Float32Array(2 * (rows.length + 1) * regimeWidth);
        grown.set(regimeX);
        regimeX = grown;
      }
      if (regime.row(inputs, regimeX, rows.length * regimeWidth)) rows.push(inputs);
    }
    return rows;
  }

  /** Writes `kind`'s features of `p` as row `row` of its (grown if need be) input buffer, normalised. */
  function features(kind: BarKind, p: Pending, row: number): boolean {
    const size = SIZE[kind];
    if (inputs[kind].length < (row + 1) * size) {
      const grown = new Float32Array(2 * (row + 1) * size);
      grown.set(inputs[kind]);
      inputs[kind] = grown;
    }
    const x = inputs[kind];
    const at = row * size;
    const wrote = kind === 'rsi-lstm' ? p.stream.rsiSequence(x, at) : kind === 'pattern-cnn' ? p.stream.ohlcWindow(x, at) : p.stream.breakContext(p.brk!.barsAgo, p.brk!, x, at);
    if (!wrote) return false;
    if (kind === 'rsi-lstm') p.rsiNow = x[at + size - 1]!;
    applyNorm(o.slots[kind].current!.manifest.norm, x, at, at + size);
    return true;
  }

  function assemble(p: Pending, outputs: Partial<Record<ModelKind, KindOutputs>>): BarOutputs {
    const missing = [...p.missing];
    const get = (kind: BarKind) => {
      const row = p.rows[kind];
      if (row === undefined) return undefined;
      const out = outputs[kind];
      if (!out) {
        const st = o.slots[kind].status();
        missing.push({ kind, reason: st.state === 'available' ? `${kind} gave no output` : st.reason });
        return undefined;
      }
      return { row, out, modelId: o.slots[kind].modelId ?? kind };
    };
    const lstm = get('rsi-lstm');
    const cnn = get('pattern-cnn');
    const val = get('break-validator');
    const norm = lstm ? o.slots['rsi-lstm'].current?.manifest.norm : undefined;
    const k = MODEL_CATALOG['pattern-cnn'].outputs[0]!.units;
    return {
      underlying: p.underlying,
      barStart: p.stream.lastTs,
      close: p.stream.close,
      ...(lstm && norm ? { rsi: { modelId: lstm.modelId, pUp: lstm.out.p_up![lstm.row]!, rsiNext: lstm.out.rsi_next![lstm.row]! * norm.std[0]! + norm.mean[0]!, rsiNow: p.rsiNow } } : {}),
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
      const why = failed.get(underlying);
      return why !== undefined ? { ok: false, reason: why } : instruments.get(underlying)!.result;
    },
    /** Wires the structure breaks once the bots' shared studies exist (the engine builds them after the models). */
    useBreaks(source: StructureBreaks): void {
      breaks = source;
      for (const ins of instruments.values()) ins.generation = NaN;
    },
    /** Whether the bar models run as one graph (false: one session each). */
    joint: (): boolean => runner.joint(),
    dispose: (): void => runner.dispose(),
  };
}

function breakAbsence(reading: ReturnType<StructureBreaks>, close: number, brk: FreshBreak | undefined): string {
  if (!reading) return 'no price-action detectors on this instrument yet';
  if (reading.close !== close) return 'the price-action detectors have not taken this bar yet';
  return brk ? `last structure break ${brk.barsAgo} bars ago` : 'no structure break yet';
}

export type BarInference = ReturnType<typeof createBarInference>;
