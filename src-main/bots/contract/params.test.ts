import { describe, expect, it } from 'vitest';
import { describeParams, isSearchable, minutesOf, param, paramsSchema, parseParams } from './params.ts';

const schema = paramsSchema({
  threshold: param.number({ label: 'Threshold', default: 72, min: 0, max: 100, step: 1, unit: '%' }),
  lots: param.integer({ label: 'Lots', default: 1, min: 1, max: 10, step: 1 }),
  enabled: param.boolean({ label: 'Enabled', default: true }),
  mode: param.choice(['roll', 'futures'], { label: 'Adjust by', default: 'roll' }),
  underlyings: param.set(['NIFTY', 'BANKNIFTY'], { label: 'Underlyings', default: ['NIFTY'] }),
  from: param.time({ label: 'From', default: '09:30', min: '09:15', max: '15:30' }),
  events: param.dates({ label: 'Event days' }),
});

describe('bot parameters', () => {
  it('fill every default and describe every field for the editor and the optimiser', () => {
    const r = parseParams(schema, {});
    expect(r).toEqual({ ok: true, value: { threshold: 72, lots: 1, enabled: true, mode: 'roll', underlyings: ['NIFTY'], from: '09:30', events: [] } });
    const d = describeParams(schema);
    expect(d.map((x) => x.key)).toEqual(['threshold', 'lots', 'enabled', 'mode', 'underlyings', 'from', 'events']);
    expect(d[0]!.meta).toEqual({ kind: 'number', label: 'Threshold', default: 72, min: 0, max: 100, step: 1, unit: '%', integer: false });
    expect(d[5]!.meta).toMatchObject({ kind: 'time', min: '09:15', max: '15:30', stepMinutes: 5 });
    expect(d.filter((x) => isSearchable(x.meta)).map((x) => x.key)).toEqual(['threshold', 'lots', 'enabled', 'mode', 'from']);
  });

  it('name every bad field in one message and keep nothing', () => {
    const r = parseParams(schema, { threshold: 120, lots: 1.5, mode: 'hedge', underlyings: ['NIFTY', 'NIFTY'], from: '9:30', events: [{ date: '2026-13', name: 'x' }], extra: 1 });
    expect(r.ok).toBe(false);
    const message = !r.ok ? r.error.message : '';
    for (const field of ['threshold', 'lots', 'mode', 'underlyings', 'from', 'events.0.date', 'extra']) expect(message).toContain(field);
    expect(parseParams(schema, { from: '16:00' }).ok).toBe(false);
  });

  it('refuse a schema field without metadata, and a default outside its own range', () => {
    expect(() => param.number({ label: 'Bad', default: 5, min: 10, max: 20, step: 1 })).toThrow(/default 5 outside/);
    expect(() => describeParams({ shape: { raw: schema.shape.threshold.unwrap() } })).toThrow(/not built with param/);
  });

  it('read HH:MM as minutes after IST midnight', () => {
    expect(minutesOf('09:15')).toBe(555);
    expect(() => minutesOf('25:00')).toThrow(/HH:MM/);
  });
});
