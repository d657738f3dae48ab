import { z } from 'zod';
import { sizingPolicySchema } from '#risk/sizing/policy';

/** A field of a sizing policy as the bot editor shows it (the shape of the bot parameters' fields). */
export interface SizingField {
  readonly key: string;
  readonly kind: 'number' | 'choice' | 'boolean';
  readonly label: string;
  readonly description?: string;
  readonly default: number | string | boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly integer?: boolean;
  readonly unit?: string;
  readonly options?: string[];
}

export interface SizingPolicyView {
  readonly policy: string;
  readonly label: string;
  readonly description: string;
  readonly fields: readonly SizingField[];
}

/** Words for the schema's policies and fields; ranges, defaults and kinds come from the schema itself. */
const POLICIES: Readonly<Record<string, { label: string; description: string }>> = {
  'fixed-lots': { label: 'Fixed lots', description: 'The same number of lots on every entry.' },
  'fixed-fractional': { label: 'Fixed fractional', description: 'Risk a share of the bot’s capital to the stop.' },
  'volatility-scaled': { label: 'Volatility scaled', description: 'Risk a share of capital on a move of the underlying’s ATR or IV-implied move: calmer markets, larger sizes.' },
  premium: { label: 'Premium (option buyers)', description: 'Pay at most a share of capital in premium, the most a long option can lose.' },
  margin: { label: 'Margin (option sellers)', description: 'Block at most a share of capital in margin.' },
  kelly: { label: 'Kelly fraction', description: 'Kelly from the bot’s own closed trades net of charges, times a fraction (half by default), capped; with too few trades, a fixed number of lots or none.' },
};

const FIELDS: Readonly<Record<string, { label: string; unit?: string; step?: number; start?: number | string; description?: string }>> = {
  lots: { label: 'Lots', unit: 'lots', step: 1, start: 1 },
  riskPct: { label: 'Risk per trade', unit: '% of capital', step: 0.1, start: 1 },
  stopPct: { label: 'Stop', unit: '% of the premium', step: 1, start: 30 },
  measure: { label: 'Volatility from', start: 'atr', description: 'atr: the underlying’s ATR; iv: the one-day move implied by IV.' },
  multiple: { label: 'Move', unit: '× ATR or implied move', step: 0.1 },
  premiumPct: { label: 'Premium at most', unit: '% of capital', step: 0.5, start: 5 },
  marginPct: { label: 'Margin at most', unit: '% of capital', step: 1, start: 25 },
  fraction: { label: 'Kelly fraction', unit: 'of full Kelly', step: 0.05 },
  maxRiskPct: { label: 'Risk cap', unit: '% of capital to the stop', step: 0.1 },
  minTrades: { label: 'Closed trades needed', unit: 'trades', step: 1 },
  lotsUntilMinTrades: { label: 'Until then', unit: 'lots (0: no entry)', step: 1, description: 'Lots to trade while the bot has fewer closed trades than needed; 0 holds every entry back until it has them.' },
  confidence: { label: 'Scale by signal confidence', description: 'The strategy rules’ multipliers: strong and medium signals, ML agreeing or against (their defaults).' },
};

/** Beyond this a bound is no bound to show (an integer schema's own limit). */
const SHOWN_BOUND = 1e9;

function fieldOf(key: string, schema: z.ZodType): SizingField {
  const words = FIELDS[key];
  if (!words) throw new Error(`sizing field ${key} has no label in sizing-fields.ts`);
  let inner: z.ZodType = schema;
  let def: unknown;
  if (inner instanceof z.ZodDefault) {
    def = inner.def.defaultValue;
    inner = inner.unwrap() as z.ZodType;
  }
  const base = { key, label: words.label, ...(words.description ? { description: words.description } : {}) };
  if (inner instanceof z.ZodNullable) return { ...base, kind: 'boolean', default: def !== null && def !== undefined };
  if (inner instanceof z.ZodEnum) {
    const options = inner.options.map(String);
    return { ...base, kind: 'choice', options, default: typeof def === 'string' ? def : String(words.start ?? options[0]) };
  }
  if (inner instanceof z.ZodNumber) {
    const min = inner.minValue;
    const max = inner.maxValue;
    return {
      ...base,
      kind: 'number',
      default: typeof def === 'number' ? def : Number(words.start ?? min ?? 1),
      ...(min !== null && Math.abs(min) < SHOWN_BOUND ? { min } : {}),
      ...(max !== null && Math.abs(max) < SHOWN_BOUND ? { max } : {}),
      ...(inner.isInt ? { integer: true } : {}),
      ...(words.step !== undefined ? { step: words.step } : {}),
      ...(words.unit ? { unit: words.unit } : {}),
    };
  }
  throw new Error(`sizing field ${key} has a kind the editor cannot show`);
}

/** Every sizing policy with its fields, read off `sizingPolicySchema`: the bot editor's sizing section. */
export function sizingPolicyViews(): SizingPolicyView[] {
  return sizingPolicySchema.options.map((o) => {
    const policy = o.shape.policy.value;
    const words = POLICIES[policy];
    if (!words) throw new Error(`sizing policy ${policy} has no label in sizing-fields.ts`);
    const fields = Object.entries(o.shape as Record<string, z.ZodType>)
      .filter(([k]) => k !== 'policy')
      .map(([k, s]) => fieldOf(k, s));
    return { policy, ...words, fields };
  });
}
