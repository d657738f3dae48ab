import { pyFloat, pyInt, pyStrptimeYmd } from './py-parse.ts';
import type { ErrorNode } from './py-repr.ts';

/**
 * marshmallow 3 fields and validators, written from its documented behaviour and checked against the
 * library by the recorded fixtures. Messages are marshmallow's own defaults unless a schema passes one.
 */
export type Validator = (value: never) => string | undefined;

export type Deserialized = { ok: true; value: unknown } | { ok: false; error: ErrorNode };

export interface Field {
  readonly kind: 'str' | 'float' | 'int' | 'bool' | 'date' | 'list' | 'nested';
  readonly required?: boolean;
  /** `load_default` (marshmallow's `missing=`): used when the key is absent. */
  readonly loadDefault?: unknown;
  /** Defaults as marshmallow's: true only when the load default is None. */
  readonly allowNone?: boolean;
  readonly validate?: readonly Validator[];
  readonly dataKey?: string;
  readonly inner?: Field;
  readonly schema?: SchemaLike;
}

/** The part of a schema a nested field needs; `schema.ts` implements it. */
export interface SchemaLike {
  load(data: unknown): { ok: true; data: Record<string, unknown> } | { ok: false; errors: Map<string | number, ErrorNode> };
}

type Opts = Omit<Field, 'kind' | 'inner' | 'schema'>;

export const str = (o: Opts = {}): Field => ({ kind: 'str', ...o });
export const float = (o: Opts = {}): Field => ({ kind: 'float', ...o });
export const int = (o: Opts = {}): Field => ({ kind: 'int', ...o });
export const bool = (o: Opts = {}): Field => ({ kind: 'bool', ...o });
export const date = (o: Opts = {}): Field => ({ kind: 'date', ...o });
export const list = (inner: Field, o: Opts = {}): Field => ({ kind: 'list', inner, ...o });
export const nested = (schema: SchemaLike, o: Opts = {}): Field => ({ kind: 'nested', schema, ...o });

export const oneOf =
  (choices: readonly string[], error?: string): Validator =>
  (v: never) =>
    choices.includes(v) ? undefined : (error ?? `Must be one of: ${choices.join(', ')}.`);

/** `Range`: inclusive bounds unless told otherwise; one custom `error` replaces every default message. */
export function range(o: { min?: number; max?: number; minInclusive?: boolean; error?: string }): Validator {
  const minOk = (v: number): boolean => o.min === undefined || (o.minInclusive === false ? v > o.min : v >= o.min);
  const maxOk = (v: number): boolean => o.max === undefined || v <= o.max;
  const minText = `${o.minInclusive === false ? 'greater than' : 'greater than or equal to'} ${o.min}`;
  const maxText = `less than or equal to ${o.max}`;
  return (v: never) => {
    const n = v as number;
    if (minOk(n) && maxOk(n)) return undefined;
    if (o.error) return o.error;
    if (o.min !== undefined && o.max !== undefined) return `Must be ${minText} and ${maxText}.`;
    return o.min !== undefined ? `Must be ${minText}.` : `Must be ${maxText}.`;
  };
}

export function length(o: { min?: number; max?: number; error?: string }): Validator {
  return (v: never) => {
    const n = (v as string | unknown[]).length;
    if ((o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max)) return undefined;
    if (o.error) return o.error;
    if (o.min !== undefined && o.max !== undefined) return `Length must be between ${o.min} and ${o.max}.`;
    return o.min !== undefined ? `Shorter than minimum length ${o.min}.` : `Longer than maximum length ${o.max}.`;
  };
}

const TRUTHY = new Set<unknown>(['t', 'T', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'y', 'Y', 'yes', 'Yes', 'YES', '1', 1, true]);
const FALSY = new Set<unknown>(['f', 'F', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', 'n', 'N', 'no', 'No', 'NO', '0', 0, false]);

const fail = (message: string): Deserialized => ({ ok: false, error: [message] });

function deserializeValue(f: Field, v: unknown): Deserialized {
  switch (f.kind) {
    case 'str':
      return typeof v === 'string' ? { ok: true, value: v } : fail('Not a valid string.');
    case 'float': {
      const n = typeof v === 'boolean' ? { ok: false as const } : pyFloat(v);
      if (!n.ok) return fail('Not a valid number.');
      if (!Number.isFinite(n.value)) return fail('Special numeric values (nan or infinity) are not permitted.');
      return { ok: true, value: n.value };
    }
    case 'int': {
      const n = typeof v === 'boolean' ? { ok: false as const } : pyInt(v);
      return n.ok ? { ok: true, value: n.value } : fail('Not a valid integer.');
    }
    case 'bool':
      if (TRUTHY.has(v)) return { ok: true, value: true };
      if (FALSY.has(v)) return { ok: true, value: false };
      return fail('Not a valid boolean.');
    case 'date': {
      const d = typeof v === 'string' && v !== '' ? pyStrptimeYmd(v) : undefined;
      return d ? { ok: true, value: d } : fail('Not a valid date.');
    }
    case 'list': {
      if (!Array.isArray(v)) return fail('Not a valid list.');
      const out: unknown[] = [];
      const errors = new Map<string | number, ErrorNode>();
      v.forEach((item, i) => {
        const r = deserializeField(f.inner!, item, true);
        if (r.ok) out.push(r.value);
        else errors.set(i, r.error);
      });
      return errors.size > 0 ? { ok: false, error: errors } : { ok: true, value: out };
    }
    case 'nested': {
      const r = f.schema!.load(v);
      return r.ok ? { ok: true, value: r.data } : { ok: false, error: r.errors };
    }
  }
}

/**
 * One field of a schema: null check, type conversion, then every validator (their messages add up).
 * `present` is false when the key was absent; the caller handles `required` and defaults.
 */
export function deserializeField(f: Field, v: unknown, present: boolean): Deserialized {
  if (!present) return fail('Missing data for required field.');
  const allowNone = f.allowNone ?? f.loadDefault === null;
  if (v === null) return allowNone ? { ok: true, value: null } : fail('Field may not be null.');
  const r = deserializeValue(f, v);
  if (!r.ok) return r;
  const messages = (f.validate ?? []).map((check) => check(r.value as never)).filter((m): m is string => m !== undefined);
  return messages.length > 0 ? { ok: false, error: messages } : r;
}
