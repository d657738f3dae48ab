import type { SignalDto } from '#contract/bot-dto';
import { formatPrice } from '#renderer/lib/format.ts';

type InputValue = SignalDto['inputs'][string];

export const SOURCE_LABEL: Record<SignalDto['sources'][number]['source'], string> = {
  ml: 'ML model',
  technical: 'Technical',
  priceAction: 'Price action',
  confirmation: 'Confirmations',
};

export const STATUS_LABEL: Record<SignalDto['sources'][number]['status'], string> = {
  ok: 'used',
  'not-available': 'not available',
  'not-applicable': 'not applicable',
};

/** Names a rule compares against (a minimum, a maximum, a cut-off) rather than values it read. */
const THRESHOLD = /(min|max|threshold|limit|cutoff|floor|ceiling)/i;

/** The inputs a signal carries, split into the limits the rule compared against and the values it read. */
export function splitInputs(inputs: SignalDto['inputs']): { thresholds: [string, InputValue][]; values: [string, InputValue][] } {
  const thresholds: [string, InputValue][] = [];
  const values: [string, InputValue][] = [];
  for (const entry of Object.entries(inputs)) (THRESHOLD.test(entry[0]) ? thresholds : values).push(entry);
  return { thresholds, values };
}

/** `ivPercentile` → `iv percentile`, `ceBidAsk` → `ce bid ask`: the engine's names, readable. */
export function inputLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/** A value as the trader reads it: Indian grouping, as many decimals as it needs (at most four), "—" when missing. */
export function formatInput(v: InputValue): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return formatPrice(v, 0);
  const abs = Math.abs(v);
  return formatPrice(v, abs >= 100 ? 2 : abs >= 1 ? 2 : 4);
}

/** How the feed names a decision; `refused`: the bot chose to act, but its intents never reached the broker. */
export const DECISION_LABEL: Record<SignalDto['decision']['kind'], string> = { taken: 'Taken', filtered: 'Filtered', refused: 'Refused' };

/** A 0..1 score as a two-decimal figure; weights likewise. */
export const formatScore = (v: number): string => v.toFixed(2);

/** One line for the feed: what the bot decided about what. */
export function signalHeadline(s: SignalDto): string {
  const what = s.rule.includes('/') ? s.rule.slice(s.rule.indexOf('/') + 1) : s.rule;
  return `${what === s.kind ? s.kind : `${s.kind}: ${what}`} · ${s.instrumentId.split(':')[1] ?? s.instrumentId}`;
}
