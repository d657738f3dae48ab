import { describe, expect, it } from 'vitest';
import { chooseBroker } from './trading-wiring.ts';

describe('which broker a mode may use', () => {
  it('takes the mode’s own broker when none is named', () => {
    expect(chooseBroker('simulation', undefined, 'c.json')).toEqual({ ok: true, value: 'paper' });
    expect(chooseBroker('paper', undefined, 'c.json')).toEqual({ ok: true, value: 'paper' });
    expect(chooseBroker('live', undefined, 'c.json')).toEqual({ ok: true, value: 'openalgo' });
    expect(chooseBroker('paper', 'openalgo-analyzer', 'c.json')).toEqual({ ok: true, value: 'openalgo-analyzer' });
  });

  it.each([
    ['simulation', 'openalgo-analyzer', /simulation trades the simulated market/],
    ['paper', 'openalgo', /paper mode never sends real orders; for real orders set "mode": "live"/],
    ['live', 'paper', /live mode sends real orders through OpenAlgo/],
    ['live', 'openalgo-analyzer', /Set "execution.broker" to "openalgo" \(or remove it\) in c.json/],
  ] as const)('refuses %s mode with %s, naming the fix', (mode, broker, message) => {
    const r = chooseBroker(mode, broker, 'c.json');
    expect(!r.ok && r.error).toMatch(message);
  });
});
