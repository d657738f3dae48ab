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

/**
 * The regime classifier behind the bots' RegimeSource port (and so the bot manager's "which bots may
 * open" hook): the model's most likely class and its probability. Without a working model, or without
 * its three core inputs, the rule-based classifier answers, and its reason says why the model did not.
 */
export function createRegimeSource(slot: ModelSlot, fallback: RegimeSourcePort): RegimeSourcePort {
  const x = new Float32Array(4);
  /** The last answer of the model: the manager's gate and every bot's validator ask with the same inputs at an instant. */
  let last: { readonly generation: number; readonly row: readonly number[]; readonly reading: RegimeReading } | undefined;
  const byRules = (inputs: RegimeInputs, why: string): RegimeReading | undefined => {
    const r = fallback.classify(inputs);
    return r && { ...r, reason: `${r.reason} (rules: ${why})` };
  };
  return {
    classify(inputs) {
      const model = slot.current;
      if (!model) return byRules(inputs, `regime model not available: ${(slot.status() as { reason?: string }).reason ?? 'none'}`);
      if (inputs.adx === undefined || inputs.atrPct === undefined || inputs.bandwidthPct === undefined) return byRules(inputs, 'the model needs ADX, ATR and bandwidth');
      const row = regimeRow(inputs);
      if (last && last.generation === slot.generation && row.every((v, k) => Object.is(v, last!.row[k]))) return last.reading;
      x.set(row);
      applyNorm(model.manifest.norm, x);
      const out = slot.run(x, 1);
      if (!out) return byRules(inputs, `regime model not available: ${(slot.status() as { reason?: string }).reason ?? 'it failed'}`);
      const p = out.regime_probs!;
      let best = 0;
      for (let k = 1; k < REGIME_CLASSES.length; k++) if (p[k]! > p[best]!) best = k;
      const probs = REGIME_CLASSES.map((c, k) => `${c} ${p[k]!.toFixed(2)}`).join(', ');
      const vixNote = inputs.vix === undefined ? '; VIX unknown: its training mean used' : '';
      const reading: RegimeReading = { regime: REGIME_CLASSES[best]!, confidence: p[best]!, source: slot.modelId ?? 'regime', inputs, reason: `${probs} (${fmt(inputs)}${vixNote})` };
      last = { generation: slot.generation, row, reading };
      return reading;
    },
  };
}
