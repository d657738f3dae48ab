import type { SignalDirection } from '#model/signal';
import { PATTERN_CLASSES } from '../labels/detector-labels.ts';
import type { AdaptiveThresholds, AdaptiveWeights, MlRequest, MlSourcePort, MlView } from '../ports.ts';
import type { BarInference, BarOutputs } from './bar-inference.ts';

/** How the three bar models weigh inside the ML source (renormalised over those that answered). */
export const MODEL_WEIGHTS = { lstm: 0.4, cnn: 0.3, validator: 0.3 } as const;
/** A lean (−1..+1) closer to 0 than this is no direction. */
export const ML_NEUTRAL_BAND = 0.1;

const BULL = [PATTERN_CLASSES.indexOf('bullish-reversal'), PATTERN_CLASSES.indexOf('bullish-continuation')];
const BEAR = [PATTERN_CLASSES.indexOf('bearish-reversal'), PATTERN_CLASSES.indexOf('bearish-continuation')];
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

interface Contribution {
  readonly weight: number;
  /** −1..+1: the model's probability of up minus that of down. */
  readonly lean: number;
  readonly text: string;
}

/**
 * Each model's lean and its explanation: the LSTM's P(up 15 minutes) (and its next-RSI forecast), the
 * CNN's bullish minus bearish pattern probability, the validator's P(follow-through) signed by the
 * break's side while a break is fresh.
 */
export function contributions(out: BarOutputs): Contribution[] {
  const c: Contribution[] = [];
  if (out.rsi) {
    const lean = 2 * out.rsi.pUp - 1;
    c.push({ weight: MODEL_WEIGHTS.lstm, lean, text: `${out.rsi.modelId} P(up) ${out.rsi.pUp.toFixed(2)}, next RSI ${out.rsi.rsiNext.toFixed(1)} (now ${out.rsi.rsiNow.toFixed(1)}) → ${signed(lean)}` });
  }
  if (out.pattern) {
    const p = out.pattern.probs;
    const bull = BULL.reduce((s, i) => s + p[i]!, 0);
    const bear = BEAR.reduce((s, i) => s + p[i]!, 0);
    const top = p.indexOf(Math.max(...p));
    c.push({ weight: MODEL_WEIGHTS.cnn, lean: bull - bear, text: `${out.pattern.modelId} ${PATTERN_CLASSES[top]} ${p[top]!.toFixed(2)} (bullish ${bull.toFixed(2)}, bearish ${bear.toFixed(2)}) → ${signed(bull - bear)}` });
  }
  if (out.validator) {
    const b = out.validator.brk;
    const lean = b.side * (2 * out.validator.p - 1);
    const when = b.barsAgo === 0 ? 'this bar' : `${b.barsAgo} bar${b.barsAgo > 1 ? 's' : ''} ago`;
    c.push({ weight: MODEL_WEIGHTS.validator, lean, text: `${out.validator.modelId} ${b.kind.toUpperCase()} ${b.side === 1 ? 'up' : 'down'} ${when}, P(follow-through) ${out.validator.p.toFixed(2)} → ${signed(lean)}` });
  }
  return c;
}

/** The ML source's view from the bar models' outputs: direction, confidence and every contribution in the detail. */
export function mlView(out: BarOutputs, ruleDirection: SignalDirection): Pick<MlView, 'status' | 'direction' | 'score' | 'detail'> {
  const parts = contributions(out);
  const missing = out.missing.map((m) => `${m.kind}: ${m.reason}`);
  if (parts.length === 0) return { status: 'not-available', direction: 'neutral', score: 0, detail: `no ML model answered (${missing.join('; ')})` };
  const total = parts.reduce((s, c) => s + c.weight, 0);
  const lean = parts.reduce((s, c) => s + (c.weight / total) * c.lean, 0);
  const direction: SignalDirection = lean >= ML_NEUTRAL_BAND ? 'long' : lean <= -ML_NEUTRAL_BAND ? 'short' : 'neutral';
  // The confidence is the blended probability of the side it favours (0.5 + |lean|/2): one model alone gives its own probability.
  const score = 0.5 + Math.abs(lean) / 2;
  const agree = ruleDirection === 'neutral' || direction === 'neutral' ? '' : direction === ruleDirection ? `; agrees with the ${ruleDirection} rule` : `; against the ${ruleDirection} rule`;
  const weights = parts.map((c) => `${c.text} ×${(c.weight / total).toFixed(2)}`).join('; ');
  const left = missing.length > 0 ? ` [not used: ${missing.join('; ')}]` : '';
  return { status: 'ok', direction, score, detail: `${weights} ⇒ lean ${signed(lean)}, P(${lean >= 0 ? 'up' : 'down'}) ${score.toFixed(2)}${agree}${left}` };
}

export interface MlSourceOptions {
  readonly inference: BarInference;
  /** The hit-rate weights for the ensemble, when the tracker has them. */
  readonly weights?: () => AdaptiveWeights | undefined;
  /** This bot's entry-threshold multiplier at `now`. */
  readonly thresholds?: (now: number) => AdaptiveThresholds | undefined;
}

/**
 * Every bot asking about the same bar gets the same outputs object: its explanation is written once per
 * direction, whichever bot's ML source asks first (each bot has its own, for its own threshold learner).
 */
const views = new WeakMap<BarOutputs, Partial<Record<SignalDirection, ReturnType<typeof mlView>>>>();

function viewOf(out: BarOutputs, direction: SignalDirection): ReturnType<typeof mlView> {
  let byDirection = views.get(out);
  if (!byDirection) views.set(out, (byDirection = {}));
  return (byDirection[direction] ??= mlView(out, direction));
}

/** The ML slot of a bot's ensemble (`ctx.models.ml`). It never throws: a failure is "not available" with the reason. */
export function createMlSource(o: MlSourceOptions): MlSourcePort {
  return {
    evaluate(req: MlRequest): MlView {
      const r = o.inference.outputs(req.underlying, req.now);
      const view = r.ok ? viewOf(r.outputs, req.direction) : ({ status: 'not-available', direction: 'neutral', score: 0, detail: r.reason } as const);
      const weights = o.weights?.();
      const thresholds = o.thresholds?.(req.now);
      return { source: 'ml', ...view, ...(weights ? { adaptiveWeights: weights } : {}), ...(thresholds ? { adaptiveThresholds: thresholds } : {}) };
    },
  };
}
