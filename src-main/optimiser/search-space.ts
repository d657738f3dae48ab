import { err, ok, type Result } from '#core/result';
import { isSearchable, minutesOf, type ParamSpec } from '#bots/contract/params';

/** A parameter value as the optimiser proposes it (times as `HH:MM`). */
export type ParamValue = number | string | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

/**
 * One searched parameter. Every numeric parameter has a step in its schema, so each dimension is a finite
 * list of values indexed 0..count−1: the grid walks the indices, random draws them, TPE models them.
 */
export type Dimension =
  | { readonly kind: 'numeric'; readonly key: string; readonly lo: number; readonly step: number; readonly count: number; readonly integer: boolean; readonly time: boolean }
  | { readonly kind: 'categorical'; readonly key: string; readonly options: readonly (string | boolean)[] };

export interface SearchSpace {
  readonly dimensions: readonly Dimension[];
}

/** A narrower range for one parameter than its schema allows (`--param stopLossPct=20:60:5`). */
export interface RangeOverride {
  readonly key: string;
  readonly min?: number | string;
  readonly max?: number | string;
  readonly step?: number;
  /** For a choice: the options to try. */
  readonly options?: readonly string[];
}

export type SpaceError = { readonly kind: 'invalid-space'; readonly message: string };

const decimals = (x: number): number => {
  const s = String(x);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

/** The value at an index; rounded to the step's decimals so 0.1 + 3 × 0.05 is 0.25, not 0.25000000000000006. */
export function valueAt(dim: Dimension, index: number): ParamValue {
  if (dim.kind === 'categorical') return dim.options[index]!;
  const v = Number((dim.lo + index * dim.step).toFixed(Math.max(decimals(dim.step), decimals(dim.lo))));
  if (!dim.time) return v;
  return `${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;
}

export const sizeOf = (dim: Dimension): number => (dim.kind === 'categorical' ? dim.options.length : dim.count);

/** Number of points in the full grid (may exceed Number.MAX_SAFE_INTEGER for big spaces: then Infinity). */
export function gridSize(space: SearchSpace): number {
  return space.dimensions.reduce((n, d) => n * sizeOf(d), 1);
}

export function paramsAt(space: SearchSpace, indices: readonly number[]): Params {
  const out: Record<string, ParamValue> = {};
  space.dimensions.forEach((d, i) => {
    out[d.key] = valueAt(d, indices[i]!);
  });
  return out;
}

function numeric(key: string, lo: number, hi: number, step: number, integer: boolean, time: boolean): Result<Dimension, SpaceError> {
  if (!(step > 0) || !(hi >= lo)) return err({ kind: 'invalid-space', message: `${key}: the range ${lo}..${hi} step ${step} is empty` });
  if (integer && !Number.isInteger(step)) return err({ kind: 'invalid-space', message: `${key}: a whole-number parameter needs a whole step, got ${step}` });
  return ok({ kind: 'numeric', key, lo, step, count: Math.floor((hi - lo) / step + 1e-9) + 1, integer, time });
}

/**
 * The search space of a bot from its parameter schema (`describeParams`): every searchable parameter over
 * its full range and step, or only those named in `overrides`, narrowed as they say. Lists and dated
 * entries are never searched; unsearched parameters keep their defaults.
 */
export function searchSpaceOf(specs: readonly ParamSpec[], overrides?: readonly RangeOverride[]): Result<SearchSpace, SpaceError> {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const chosen: readonly RangeOverride[] = overrides ?? specs.filter((s) => isSearchable(s.meta)).map((s) => ({ key: s.key }));
  const dims: Dimension[] = [];
  for (const o of chosen) {
    const spec = byKey.get(o.key);
    if (!spec) return err({ kind: 'invalid-space', message: `no parameter "${o.key}"; the parameters are ${[...byKey.keys()].join(', ')}` });
    const m = spec.meta;
    const bad = (why: string): Result<SearchSpace, SpaceError> => err({ kind: 'invalid-space', message: `${o.key}: ${why}` });
    if (m.kind === 'number') {
      const [min, max] = [o.min ?? m.min, o.max ?? m.max];
      if (typeof min !== 'number' || typeof max !== 'number') return bad('give numbers as min:max:step');
      if (min < m.min || max > m.max) return bad(`${min}..${max} leaves the allowed ${m.min}..${m.max}`);
      const d = numeric(o.key, min, max, o.step ?? m.step, m.integer, false);
      if (!d.ok) return d;
      dims.push(d.value);
    } else if (m.kind === 'time') {
      const [min, max] = [o.min ?? m.min, o.max ?? m.max];
      if (typeof min !== 'string' || typeof max !== 'string') return bad('give times as HH:MM-HH:MM');
      let lo: number;
      let hi: number;
      try {
        [lo, hi] = [minutesOf(min), minutesOf(max)];
      } catch (e) {
        return bad((e as Error).message);
      }
      if (lo < minutesOf(m.min) || hi > minutesOf(m.max)) return bad(`${min}–${max} leaves the allowed ${m.min}–${m.max}`);
      const d = numeric(o.key, lo, hi, o.step ?? m.stepMinutes, true, true);
      if (!d.ok) return d;
      dims.push(d.value);
    } else if (m.kind === 'choice') {
      const options = o.options ?? m.options;
      const unknown = options.filter((x) => !m.options.includes(x));
      if (unknown.length > 0 || options.length === 0) return bad(`the options are ${m.options.join(', ')}`);
      dims.push({ kind: 'categorical', key: o.key, options: [...options] });
    } else if (m.kind === 'boolean') {
      dims.push({ kind: 'categorical', key: o.key, options: [false, true] });
    } else {
      return bad('lists and dated entries are not searched');
    }
  }
  if (dims.length === 0) return err({ kind: 'invalid-space', message: 'nothing to search: no searchable parameter was chosen' });
  return ok({ dimensions: dims });
}

/**
 * `key=min:max[:step]` for numbers, `key=HH:MM-HH:MM[:minutes]` for times, `key=a,b` for choices, or
 * `key` alone for the schema's full range.
 */
export function parseRangeOverride(text: string): Result<RangeOverride, SpaceError> {
  const eq = text.indexOf('=');
  if (eq < 0) return /^\w+$/.test(text) ? ok({ key: text }) : err({ kind: 'invalid-space', message: `"${text}" is not a parameter name` });
  const key = text.slice(0, eq);
  const body = text.slice(eq + 1);
  const time = /^(\d\d:\d\d)-(\d\d:\d\d)(?::(\d+))?$/.exec(body);
  if (time) return ok({ key, min: time[1]!, max: time[2]!, ...(time[3] ? { step: Number(time[3]) } : {}) });
  const num = /^(-?[\d.]+):(-?[\d.]+)(?::([\d.]+))?$/.exec(body);
  if (num) {
    const [min, max, step] = [Number(num[1]), Number(num[2]), num[3] === undefined ? undefined : Number(num[3])];
    if ([min, max, step ?? 1].some((x) => !Number.isFinite(x))) return err({ kind: 'invalid-space', message: `${key}: "${body}" is not min:max:step` });
    return ok({ key, min, max, ...(step !== undefined ? { step } : {}) });
  }
  if (/^[\w-]+(,[\w-]+)*$/.test(body)) return ok({ key, options: body.split(',') });
  return err({ kind: 'invalid-space', message: `${key}: "${body}" is neither min:max:step, HH:MM-HH:MM nor a list a,b` });
}
