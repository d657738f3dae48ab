import { afterEach, describe, expect, it } from 'vitest';
import { botId, intentId } from '#model/ids';
import type { Intent } from '#model/intent';
import { TEST_CONFIG, TradingHarness } from '../testing/trading-harness.ts';

let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const BOTS = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
const roomy = { capital: 1e9, maxPositions: 100, maxLots: 1000, entryWindow: null };
const CONFIG = {
  ...TEST_CONFIG,
  risk: {
    ...TEST_CONFIG.risk,
    capital: 1e9,
    shock: { ...TEST_CONFIG.risk.shock, maxLoss: 1e9 },
    greeks: { maxDeltaLots: 1e3, maxGammaLots: 1e3, maxVega: 1e9, maxTheta: 1e9 },
    stacking: { maxDeltaLots: 1e3, maxVega: 1e9 },
    bots: Object.fromEntries(BOTS.map((b) => [b, roomy])),
  },
};

describe('the order rate when several intents pass the gate in the same instant', () => {
  it('sends at most ten orders in any second and the rest a moment later, none lost', async () => {
    h = await TradingHarness.open({ config: CONFIG });
    const straddle = (bot: string): Intent => ({
      kind: 'enter-structure',
      intentId: intentId(`s-${bot}`),
      botId: botId(bot),
      structure: 'straddle',
      product: 'NRML',
      legs: [
        { instrumentId: h!.option(0, 'CE'), side: 'SELL', quantity: 65, type: 'MARKET' },
        { instrumentId: h!.option(0, 'PE'), side: 'SELL', quantity: 65, type: 'MARKET' },
      ],
      policy: { kind: 'unwind', legTimeoutMs: 30_000 },
      reason: 'test',
    });
    const sent = BOTS.map((b) => h!.engine.trading.submit(straddle(b)));
    await h.until(Promise.all(sent));
    await h.advance(5000);
    const times = h.engine.trading
      .orders()
      .map((r) => r.sentAt!)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(12);
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!, `orders ${i - 10}..${i}`).toBeGreaterThanOrEqual(1000);
    expect(h.engine.trading.orders().every((r) => r.order.status === 'filled')).toBe(true);
  }, 60_000);
});
