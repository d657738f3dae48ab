import { applyNorm } from '../features/normalisation.ts';
import { regimeRow } from '../features/regime-features.ts';
import { REGIME_CLASSES } from '../models/catalog.ts';
import type { RegimeInputs, RegimeReading, RegimeSourcePort } from '../ports.ts';
import type { ModelSlot } from './model-slot.ts';

const fmt = (i: RegimeInputs): string =>
  [
    i.adx !== undefined ? `ADX ${i.adx.toFixed(1)}` : undefined,
    i.atrPct !== undefined ? `ATR ${i.atrPct.toFixed(3)} %` : undefined,
    i.bandwidthPct !== undefined ? `bandwidth ${i.bandwidthPct.toFixed(2)} %` : undefined,
    i.vix !== undefined ? `VIX ${i.vix.toFixed(2)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

/** Readings kept for reuse: one per underlying the engine trades is plenty. */
const CACHE = 8;

/** The regime classifier, and how a joint run of the models hands it a reading it computed ahead (bar-inference.ts). */
export interface RegimeModelSource extends RegimeSourcePort {
  /**
   * Writes the model's normalised input row for `inputs` at `x[offset…]`; false when the model cannot
   * answer them (no model, or ADX, ATR or bandwidth missing) or already has.
   */
  row(inputs: RegimeInputs, x: Float32Array, offset: number): boolean;
  /** Keeps the model's answer to `inputs` (its `regime_probs` at `offset`), for the gate and the bots to read. */
  prime(inputs: RegimeInputs, probs: Float32Array, offset: number): void;
}

/**
 * The regime classifier behind the bots' RegimeSource port (and so the bot manager's "which bots may
 * open" hook): the model's most likely class and its probability. Without a working model, or without
 * its three core inputs, the rule-based classifier answers, and its reason says why the model did not.
 * Answers are kept by their exact inputs (the manager's gate and every bot's validator ask with the same
 * ones at an instant), so the model runs once for them, or not at all when the bar's joint run primed it.
 */
export function createRegimeSource(slot: ModelSlot, fallback: RegimeSourcePort): RegimeModelSource {
  const x = new Float32Array(4);
  const cache: { readonly generation: number; readonly row: readonly number[]; readonly reading: RegimeReading }[] = [];
  const byRules = (inputs: RegimeInputs, why: string): RegimeReading | undefined => {
    const r = fallback.classify(inputs);
    return r && { ...r, reason: `${r.reason} (rules: ${why})` };
  };
  const complete = (i: RegimeInputs): boolean => i.adx !== undefined && i.atrPct !== undefined && i.bandwidthPct !== undefined;
  const cached = (row: readonly number[]): RegimeReading | undefined => cache.find((c) => c.generation === slot.generation && row.every((v, k) => Object.is(v, c.row[k])))?.reading;
  const keep = (inputs: RegimeInputs, row: readonly number[], p: Float32Array, offset: number): RegimeReading => {
    let best = 0;
    for (let k = 1; k < REGIME_CLASSES.length; k++) if (p[offset + k]! > p[offset + best]!) best = k;
    const probs = REGIME_CLASSES.map((c, k) => `${c} ${p[offset + k]!.toFixed(2)}`).join(', ');
    const vixNote = inputs.vix === undefined ? '; VIX unknown: its training mean used' : '';
    const reading: RegimeReading = { regime: REGIME_CLASSES[best]!, confidence: p[offset + best]!, source: slot.modelId ?? 'regime', inputs, reason: `${probs} (${fmt(inputs)}${vixNote})` };
    cache.unshift({ generation: slot.generation, row, reading });
    if (cache.length > CACHE) cache.pop();
    return reading;
  };
  return {
    classify(inputs) {
      const model = slot.current;
      if (!model) return byRules(inputs, `regime model not available: ${(slot.status() as { reason?: string }).reason ?? 'none'}`);
      if (!complete(inputs)) return byRules(inputs, 'the model needs ADX, ATR and bandwidth');
      const row = regimeRow(inputs);
      const known = cached(row);
      if (known) return known;
      x.set(row);
      applyNorm(model.manifest.norm, x);
      const out = slot.run(x, 1);
      if (!out) return byRules(inputs, `regime model not available: ${(slot.status() as { reason?: string }).reason ?? 'it failed'}`);
      return keep(inputs, row, out.regime_probs!, 0);
    },
    row(inputs, out, offset) {
      const model = slot.current;
      if (!model || !complete(inputs)) return false;
      const row = regimeRow(inputs);
      if (cached(row)) return false;
      out.set(row, offset);
      applyNorm(model.manifest.norm, out, offset, offset + row.length);
      return true;
    },
    prime(inputs, probs, offset) {
      keep(inputs, regimeRow(inputs), probs, offset);
    },
  };
}
