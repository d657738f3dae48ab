import { afterEach, describe, expect, it } from 'vitest';
import { TradingHarness } from './testing/trading-harness.ts';
import { paperTrading } from './trading-wiring.ts';

let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('restart reconciliation seam', () => {
  it('runs the reconciler at start, after the order manager resumed and before anything may trade', async () => {
    const seen: { trigger: string; ready: boolean }[] = [];
    const harness = TradingHarness.create({
      trading: (clock, config) => ({
        ...paperTrading(config, clock, 'r1', true),
        reconciler: {
          run: async (trigger) => {
            seen.push({ trigger, ready: harness.engine.trading.status().ready });
          },
        },
      }),
    });
    h = harness;
    await harness.build('r1');
    expect(seen).toEqual([{ trigger: 'start', ready: false }]);
    expect(harness.engine.trading.status().ready).toBe(true);
  });
});
