import { describe, expect, it } from 'vitest';
import { bool, date, float, int, str, type Field } from './fields.ts';
import { pyErrorRepr, pyFloatRepr, pyStrRepr } from './py-repr.ts';
import { Schema } from './schema.ts';

/**
 * marshmallow's conversions as the library performs them; every expected value below was printed by
 * marshmallow itself (`Schema.load` on a one-field schema) and by CPython's `repr`.
 */
const load = (f: Field, v: unknown): unknown => {
  const r = new Schema({ fields: { x: f } }).load({ x: v });
  return r.ok ? r.data.x : pyErrorRepr(r.errors);
};

describe('marshmallow fields', () => {
  it.each([
    [int(), 1.5, 1],
    [int(), '1.5', "{'x': ['Not a valid integer.']}"],
    [int(), ' 7 ', 7],
    [int(), '1_0', 10],
    [int(), true, "{'x': ['Not a valid integer.']}"],
    [int(), '+3', 3],
    [int(), '1e3', "{'x': ['Not a valid integer.']}"],
    [float(), 'inf', "{'x': ['Special numeric values (nan or infinity) are not permitted.']}"],
    [float(), '1e400', "{'x': ['Special numeric values (nan or infinity) are not permitted.']}"],
    [float(), '1_000.5', 1000.5],
    [float(), ' 2 ', 2],
    [float(), '', "{'x': ['Not a valid number.']}"],
    [float(), [], "{'x': ['Not a valid number.']}"],
    [bool(), 'yes', true],
    [bool(), 'TRUE', true],
    [bool(), 'tRue', "{'x': ['Not a valid boolean.']}"],
    [bool(), 2, "{'x': ['Not a valid boolean.']}"],
    [date(), '2026-2-3', '2026-02-03'],
    [date(), '2026-02-30', "{'x': ['Not a valid date.']}"],
    [date(), '2028-02-29', '2028-02-29'],
    [date(), ' 2026-02-03', "{'x': ['Not a valid date.']}"],
    [date(), '02026-01-01', "{'x': ['Not a valid date.']}"],
    [date(), 20260101, "{'x': ['Not a valid date.']}"],
    [str(), 1, "{'x': ['Not a valid string.']}"],
    [str(), null, "{'x': ['Field may not be null.']}"],
    [str({ allowNone: true }), null, null],
  ] as [Field, unknown, unknown][])('%o loads %o as %o', (f, v, out) => {
    expect(load(f, v)).toEqual(out);
  });

  it('reports fields in declaration order, then unknown keys, and runs post_load only on clean data', () => {
    let postLoads = 0;
    const s = new Schema({ fields: { a: str({ required: true }), b: int() }, postLoad: (d) => (postLoads++, { ok: true, data: d }) });
    const r = s.load({ zz: 1, b: 'x', yy: 2 });
    expect(r.ok ? '' : pyErrorRepr(r.errors)).toBe("{'a': ['Missing data for required field.'], 'b': ['Not a valid integer.'], 'zz': ['Unknown field.'], 'yy': ['Unknown field.']}");
    expect(postLoads).toBe(0);
    expect(s.load({ a: 'ok' })).toEqual({ ok: true, data: { a: 'ok' } });
    expect(postLoads).toBe(1);
  });
});

describe('Python repr', () => {
  it.each([
    [1.5, '1.5'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [2, '2.0'],
    [1e16, '1e+16'],
    [1.25e-7, '1.25e-07'],
    [-0.5, '-0.5'],
  ])('repr(float %o) is %s', (x, s) => {
    expect(pyFloatRepr(x)).toBe(s);
  });

  it('quotes strings as CPython does', () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pyStrRepr('a\nb\\')).toBe("'a\\nb\\\\'");
  });
});
