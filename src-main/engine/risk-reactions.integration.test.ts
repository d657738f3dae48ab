import { afterEach, describe, expect, it } from 'vitest';
import { botId, intentId } from '#model/ids';
import { TEST_CONFIG, TradingHarness } from './testing/trading-harness.ts';

const BOT = botId('volatility-expander');
let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the live monitor and the loss limits act through the order manager', () => {
  it('a stop or target the monitor fires on a tick becomes a closing order; the position goes flat', async () => {
    h = await TradingHarness.open();
    const ce = h.option(2, 'CE');
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'test' });
    // A one-rupee stop and target: the next marked tick fires one of them.
    const rule = h.engine.trading.declareExitRule({ id: 'r1', botId: BOT, scope: { kind: 'position', instrumentId: ce }, stop: { kind: 'rupees', value: 1 }, target: { kind: 'rupees', value: 1 } });
    expect(rule.ok).toBe(true);
    await h.advance(3000);
    expect(h.engine.trading.positions().positions).toEqual([]);
    const closes = h.engine.trading.orders().filter((r) => r.order.side === 'SELL');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.reduceOnly).toBe(true);
    const kinds = (h.store.sqlite.prepare("SELECT kind FROM audit_log WHERE kind IN ('exit-rule', 'risk:exit-requested') ORDER BY seq").all() as { kind: string }[]).map((r) => r.kind);
    expect(kinds[0]).toBe('exit-rule');
    expect(kinds).toContain('risk:exit-requested');
  });

  it('a loss limit set to flatten halts and closes everything, hedge last', async () => {
    const config = { ...TEST_CONFIG, risk: { ...TEST_CONFIG.risk, dailyLoss: { limit: 1, action: 'halted' as const, flatten: true } } };
    h = await TradingHarness.open({ config });
    await h.submit(h.straddle());
    // Charges alone put the day more than a rupee down: the next tick breaches the limit.
    await h.advance(3000);
    expect(h.engine.trading.risk().state).toMatchObject({ state: 'halted', cause: 'daily-loss' });
    expect(h.engine.trading.positions().positions).toEqual([]);
    expect(h.engine.core.manager.structures().map((s) => s.status)).toEqual(['closed']);
    const flatten = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE kind = 'risk:flatten' ORDER BY seq").all();
    expect(flatten).toEqual([{ actor: 'risk' }, { actor: 'engine' }]);
  });
});
