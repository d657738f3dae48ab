import { describe, expect, it } from 'vitest';
import { err, ok } from '#core/result';
import { createRiskGate } from '../gate.ts';
import { harness, limitsWith, niftyOption, proposal } from '../test-support.ts';
import { historicalScenarios } from '../var/historical.ts';
import { fixedHistory } from '../var/testing.ts';
import { createStressCheck } from './stress.ts';
import { createVarCheck } from './var.ts';

const history = fixedHistory();
const scenarios = historicalScenarios(history, ['NIFTY'], { kind: 'one-day' }, { lookback: 250, minScenarios: 50 });

function gateWith(limits: ReturnType<typeof limitsWith>, available = true) {
  const h = harness(limits);
  h.market.ivs.set(niftyOption(23_000, 'CE').id, 0.14);
  h.market.ivs.set(niftyOption(23_000, 'PE').id, 0.15);
  const gate = createRiskGate({
    ledger: h.ledger,
    portfolio: h.portfolio,
    market: h.market,
    margin: h.margin,
    extraBookChecks: [
      createVarCheck(() => (available && scenarios.ok ? ok(scenarios.value) : err('only 3 daily moves stored'))),
      createStressCheck(() => (available ? ok({ vixNow: 14 }) : err('no India VIX'))),
    ],
  });
  return { ...h, gate };
}

const sellStraddleLeg = (right: 'CE' | 'PE', lots: number) => proposal({ instrument: niftyOption(23_000, right), side: 'SELL', quantity: 65 * lots, referencePrice: 180, limitPrice: 180 });

describe('pre-trade VaR limit', () => {
  it('refuses a short option that lifts one-day 99 % historical VaR past the limit, and passes one within it', () => {
    const tight = gateWith(limitsWith({ var: { ...limitsWith().var, limit: { maxLoss: 5_000, confidence: 0.99, method: 'historical' } } }));
    const r = tight.gate.check(sellStraddleLeg('CE', 4));
    expect(r).toMatchObject({ ok: false, error: { check: 'var', limit: 5_000 } });
    if (!r.ok) expect(r.error.reason).toMatch(/one-day 99 % historical VaR would be ₹[\d,]+ \(now ₹0\); the limit is ₹5,000/);
    const loose = gateWith(limitsWith({ var: { ...limitsWith().var, limit: { maxLoss: 1e7, confidence: 0.99, method: 'historical' } } }));
    expect(loose.gate.check(sellStraddleLeg('CE', 4)).ok).toBe(true);
  });

  it('refuses an entry when a limit is set and there is no VaR to judge by; no limit, no check', () => {
    const blind = gateWith(limitsWith({ var: { ...limitsWith().var, limit: { maxLoss: 1e7, confidence: 0.95, method: 'historical' } } }), false);
    expect(blind.gate.check(sellStraddleLeg('PE', 1))).toMatchObject({ ok: false, error: { check: 'var', reason: expect.stringContaining('only 3 daily moves stored') } });
    expect(gateWith(limitsWith(), false).gate.check(sellStraddleLeg('PE', 1)).ok).toBe(true);
  });
});

describe('pre-trade stress limit', () => {
  it('refuses a naked short call whose worst named scenario loses more than the limit', () => {
    const g = gateWith(limitsWith({ stress: { maxLoss: 20_000 } }));
    const r = g.gate.check(sellStraddleLeg('CE', 2));
    expect(r).toMatchObject({ ok: false, error: { check: 'stress', limit: 20_000 } });
    if (!r.ok) expect(r.error.reason).toMatch(/^In the ".+" scenario the book would lose ₹[\d,]+ \(now ₹0\); the stress limit is ₹20,000\.$/);
    expect(gateWith(limitsWith({ stress: { maxLoss: 1e8 } })).gate.check(sellStraddleLeg('CE', 2)).ok).toBe(true);
  });

  it('never refuses an exit', () => {
    const g = gateWith(limitsWith({ stress: { maxLoss: 1 } }));
    const ce = niftyOption(23_000, 'CE');
    g.portfolio.positions.push({ instrument: ce, netQuantity: -65, avgPrice: 180 });
    g.market.marks.set(ce.id, 180);
    expect(g.gate.check({ ...sellStraddleLeg('CE', 1), side: 'BUY', reduceOnly: true }).ok).toBe(true);
  });
});
