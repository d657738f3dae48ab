import { z } from 'zod';
import { err, ok, type Result } from '#core/result';

/**
 * Bot parameters: a zod object whose every field is built here, so each carries the metadata the UI's
 * editor and the optimiser read (label, range, step, unit) beside its validation and default. A field
 * built any other way has no metadata and `describeParams` refuses the schema.
 */
interface Common {
  readonly label: string;
  readonly description?: string;
}

export type ParamMeta =
  | (Common & { readonly kind: 'number'; readonly default: number; readonly min: number; readonly max: number; readonly step: number; readonly integer: boolean; readonly unit?: string })
  | (Common & { readonly kind: 'boolean'; readonly default: boolean })
  | (Common & { readonly kind: 'choice'; readonly default: string; readonly options: readonly string[] })
  | (Common & { readonly kind: 'set'; readonly default: readonly string[]; readonly options: readonly string[]; readonly minItems: number })
  /** An IST wall time `HH:MM`; the optimiser steps it by `stepMinutes`. */
  | (Common & { readonly kind: 'time'; readonly default: string; readonly min: string; readonly max: string; readonly stepMinutes: number })
  /** Dated entries (event days): edited as a list, never searched by the optimiser. */
  | (Common & { readonly kind: 'dates'; readonly default: readonly DatedEntry[] });

export interface DatedEntry {
  readonly date: string;
  readonly name: string;
}

/** Whether the optimiser may search this parameter (numbers, times, choices and booleans). */
export const isSearchable = (m: ParamMeta): boolean => m.kind !== 'set' && m.kind !== 'dates';

export const paramRegistry = z.registry<ParamMeta>();

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** By time text: the bots read their entry windows and cut-offs on every bar. At most one per minute of the day. */
const minutesByTime = new Map<string, number>();

/** Minutes after IST midnight of an `HH:MM` parameter. */
export function minutesOf(hhmm: string): number {
  let minutes = minutesByTime.get(hhmm);
  if (minutes === undefined) {
    const m = TIME.exec(hhmm);
    if (!m) throw new RangeError(`not an HH:MM time: "${hhmm}"`);
    minutes = Number(m[1]) * 60 + Number(m[2]);
    minutesByTime.set(hhmm, minutes);
  }
  return minutes;
}

function checkDefault(ok: boolean, label: string, detail: string): void {
  if (!ok) throw new RangeError(`parameter "${label}": default ${detail}`);
}

type NumberOpts = Common & { default: number; min: number; max: number; step: number; unit?: string };

export const param = {
  number(o: NumberOpts) {
    checkDefault(o.min <= o.default && o.default <= o.max && o.step > 0, o.label, `${o.default} outside [${o.min}, ${o.max}] or step ≤ 0`);
    const s = z.number().min(o.min).max(o.max).default(o.default);
    paramRegistry.add(s, { ...o, kind: 'number', integer: false });
    return s;
  },
  integer(o: NumberOpts) {
    checkDefault(Number.isInteger(o.default) && o.min <= o.default && o.default <= o.max && o.step >= 1, o.label, `${o.default} not an integer in [${o.min}, ${o.max}]`);
    const s = z.number().int().min(o.min).max(o.max).default(o.default);
    paramRegistry.add(s, { ...o, kind: 'number', integer: true });
    return s;
  },
  boolean(o: Common & { default: boolean }) {
    const s = z.boolean().default(o.default);
    paramRegistry.add(s, { ...o, kind: 'boolean' });
    return s;
  },
  choice<const T extends readonly [string, ...string[]]>(options: T, o: Common & { default: T[number] }) {
    const s = z.enum(options).default(o.default as never);
    paramRegistry.add(s, { ...o, kind: 'choice', options });
    return s;
  },
  set<const T extends readonly [string, ...string[]]>(options: T, o: Common & { default: readonly T[number][]; minItems?: number }) {
    const minItems = o.minItems ?? 1;
    checkDefault(o.default.length >= minItems, o.label, `has fewer than ${minItems} items`);
    const s = z
      .array(z.enum(options))
      .min(minItems)
      .refine((v) => new Set(v).size === v.length, { message: 'each value at most once' })
      .default([...o.default] as never);
    paramRegistry.add(s, { ...o, kind: 'set', options, minItems });
    return s;
  },
  time(o: Common & { default: string; min: string; max: string; stepMinutes?: number }) {
    const [lo, hi] = [minutesOf(o.min), minutesOf(o.max)];
    checkDefault(lo <= minutesOf(o.default) && minutesOf(o.default) <= hi, o.label, `${o.default} outside ${o.min}–${o.max}`);
    const s = z
      .string()
      .regex(TIME, 'an IST time as HH:MM')
      // zod runs every check even after the pattern failed: a bad string must not reach minutesOf.
      .refine((v) => !TIME.test(v) || (minutesOf(v) >= lo && minutesOf(v) <= hi), { message: `between ${o.min} and ${o.max} IST` })
      .default(o.default);
    paramRegistry.add(s, { ...o, kind: 'time', stepMinutes: o.stepMinutes ?? 5 });
    return s;
  },
  dates(o: Common & { default?: readonly DatedEntry[] }) {
    const entry = z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'), name: z.string().min(1) });
    const def = o.default ?? [];
    const s = z.array(entry).default(def.map((d) => ({ ...d })));
    paramRegistry.add(s, { ...o, kind: 'dates', default: def });
    return s;
  },
};

/** A bot's parameter schema: unknown keys are refused, every field comes from `param`. */
export type ParamsSchema<P> = z.ZodType<P, unknown> & { readonly shape: Readonly<Record<string, z.ZodType>> };

export function paramsSchema<const S extends Record<string, z.ZodType>>(shape: S) {
  return z.strictObject(shape);
}

export interface ParamSpec {
  readonly key: string;
  readonly meta: ParamMeta;
}

/** What the editor and the optimiser read: every field's metadata in declaration order. */
export function describeParams(schema: { readonly shape: Readonly<Record<string, z.ZodType>> }): ParamSpec[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    const meta = paramRegistry.get(field);
    if (!meta) throw new Error(`parameter "${key}" was not built with param.*: it has no range or label for the editor`);
    return { key, meta };
  });
}

export interface InvalidParams {
  readonly kind: 'invalid-params';
  /** One line per problem, each naming the field: `ivPercentileMin: Too big: expected number to be <=100`. */
  readonly message: string;
}

/** Validates a partial parameter set (missing fields take their defaults). */
export function parseParams<P>(schema: ParamsSchema<P>, input: unknown): Result<P, InvalidParams> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return ok(r.data);
  const message = r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(parameters)'}: ${i.message}`).join('; ');
  return err({ kind: 'invalid-params', message });
}
