import { describe, expect, it } from 'vitest';
import { requestFromOptions } from './backtest-args.ts';

describe('backtest options → request', () => {
  it('builds a request from options, with the fill model and per-bot parameters', () => {
    const r = requestFromOptions({ bots: 'short-straddle', params: '{"short-straddle":{"targetPct":30}}', from: '2026-11-02', to: '2026-11-27', 'sim-seed': '8', timing: 'next-bar', 'slippage-ticks': '2', 'latency-ms': '50-250', 'max-share': '0.5' });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.bots).toEqual([{ id: 'short-straddle', params: { targetPct: 30 } }]);
    expect(r.value.data).toEqual({ kind: 'simulator', seed: 8, tickMs: 5000 });
    expect(r.value.fills).toMatchObject({ timing: 'next-bar', slippage: { kind: 'ticks', ticks: 2 }, latencyMs: { min: 50, max: 250 }, partial: { maxShareOfLevel: 0.5 } });
  });

  it('a request file is the base; options change it', () => {
    const file = JSON.stringify({ bots: [{ id: 'iron-condor', params: { atrPctMax: 2 } }], from: '2026-11-02', to: '2026-11-27', data: { kind: 'history', database: '/x.sqlite' } });
    const r = requestFromOptions({ request: 'r.json', to: '2026-11-20', params: '{"iron-condor":{"narrowBandwidthPct":8}}' }, () => file, (p) => `/home/me${p}`);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.to).toBe('2026-11-20');
    expect(r.value.bots).toEqual([{ id: 'iron-condor', params: { atrPctMax: 2, narrowBandwidthPct: 8 } }]);
    expect(r.value.data).toEqual({ kind: 'history', database: '/home/me/x.sqlite', timeframe: '1m', optionPrices: 'imported' });
  });

  it('says what is wrong, naming the option or field', () => {
    expect(requestFromOptions({ from: '2026-11-02' })).toEqual({ ok: false, error: 'give the range: --from YYYY-MM-DD --to YYYY-MM-DD (or a --request file with "from" and "to")' });
    expect(requestFromOptions({ from: '2026-11-02', to: '2026-11-03', 'latency-ms': 'fast' })).toEqual({ ok: false, error: '--latency-ms must be N or A-B in milliseconds, got fast' });
    expect(requestFromOptions({ from: '2026-11-02', to: '2026-11-03', bots: 'nope' }).ok).toBe(false);
    expect(requestFromOptions({ from: '2026-11-02', to: '2026-11-03', history: 'h.sqlite', 'sim-seed': '2' }).ok).toBe(false);
    const h = requestFromOptions({ from: '2026-11-02', to: '2026-11-03', history: 'h.sqlite' }, undefined, (p) => `/cwd/${p}`);
    expect(h.ok && h.value.data).toEqual({ kind: 'history', database: '/cwd/h.sqlite', timeframe: '1m', optionPrices: 'imported' });
    const model = requestFromOptions({ from: '2026-11-02', to: '2026-11-03', history: 'h.sqlite', 'option-prices': 'model' });
    expect(model.ok && model.value.data).toEqual({ kind: 'history', database: 'h.sqlite', timeframe: '1m', optionPrices: 'model' });
    expect(requestFromOptions({ from: '2026-11-02', to: '2026-11-03', 'option-prices': 'model' })).toEqual({ ok: false, error: '--option-prices needs --history: the simulated market has no imported option data' });
    expect(requestFromOptions({ from: '2026-11-02', to: '2026-11-03', history: 'h.sqlite', 'option-prices': 'real' }).ok).toBe(false);
    expect(requestFromOptions({ request: 'missing.json' }, () => { throw new Error('ENOENT'); })).toEqual({ ok: false, error: 'cannot read --request missing.json: ENOENT' });
  });
});
