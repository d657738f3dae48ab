import { describe, expect, it } from 'vitest';
import { ok } from '#core/result';
import { instrumentId } from '#model/ids';
import type { OptionInstrument } from '#model/instrument';
import type { OrderProposal, RiskGate } from '#risk/pre-trade';
import { tradingGate } from './trading-gate.ts';

const ce: OptionInstrument = { kind: 'option', id: instrumentId('NFO', 'NIFTY01DEC2626000CE'), symbol: 'NIFTY01DEC2626000CE', exchange: 'NFO', tickSize: 0.05, underlying: 'NIFTY', expiry: 0, strike: 26000, right: 'CE', lotSize: 65 };
const proposal = (reduceOnly: boolean): OrderProposal => ({ instrument: ce, side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reduceOnly, referencePrice: 100, ts: 1 });

function recording(): RiskGate & { seen: OrderProposal[] } {
  const seen: OrderProposal[] = [];
  return {
    seen,
    check: (p) => (seen.push(p), ok(undefined)),
    checkStructure: (s) => (seen.push(...s.legs), ok(undefined)),
    recordSent: () => undefined,
  };
}

describe("the engine's gate around risk's", () => {
  it('marks reduce-only orders as the kill switch’s only while it is engaged', () => {
    let engaged = false;
    const inner = recording();
    const gate = tradingGate(inner, { killEngaged: () => engaged });
    gate.check(proposal(true));
    engaged = true;
    gate.check(proposal(true));
    gate.check(proposal(false));
    expect(inner.seen.map((p) => p.killSwitch)).toEqual([undefined, true, undefined]);
  });

  it('refuses everything while live trading is disarmed, except the kill switch’s closing orders', () => {
    let armed = false;
    let engaged = false;
    const inner = recording();
    const gate = tradingGate(inner, { killEngaged: () => engaged, liveArming: { armed: () => armed, refusal: () => 'not armed' } });
    expect(gate.check(proposal(false))).toEqual({ ok: false, error: { check: 'trading-state', reason: 'not armed' } });
    expect(gate.check(proposal(true)).ok).toBe(false);
    expect(gate.checkStructure({ legs: [proposal(false)], ts: 1 }).ok).toBe(false);
    expect(inner.seen).toEqual([]);
    engaged = true;
    expect(gate.check(proposal(true)).ok).toBe(true);
    expect(gate.check(proposal(false)).ok).toBe(false);
    engaged = false;
    armed = true;
    expect(gate.check(proposal(false)).ok).toBe(true);
  });
});
