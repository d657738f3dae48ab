import { WallClock, type Clock } from '#core/clock';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { startOpenAlgoSim, type OpenAlgoSim, type OpenAlgoSimOptions } from './server.ts';
import { createSteadyFeed } from './steady-feed.ts';

export const TEST_API_KEY = 'test-key-0123456789abcdef';

/** Test support: a simulator on free loopback ports with a fast, seeded feed and a NIFTY chain. */
export async function startTestSim(overrides: Partial<OpenAlgoSimOptions> = {}, clock: Clock = new WallClock()): Promise<OpenAlgoSim> {
  const near = expiryCodeFromEpoch(clock.now() + 20 * 86_400_000);
  const far = expiryCodeFromEpoch(clock.now() + 50 * 86_400_000);
  const future = `NIFTY${near}FUT`;
  const feed = createSteadyFeed({
    clock,
    seed: 7,
    intervalMs: 25,
    prices: { 'NSE_INDEX:NIFTY': 26_000, 'NSE:RELIANCE': 1400, 'NSE:SBIN': 800, [`NFO:${future}`]: 26_100 },
  });
  return startOpenAlgoSim({
    feed,
    clock,
    apiKey: TEST_API_KEY,
    seed: 11,
    instruments: [
      { symbol: 'NIFTY', exchange: 'NSE_INDEX', price: 26_000 },
      { symbol: 'RELIANCE', exchange: 'NSE', price: 1400, lotSize: 1 },
      { symbol: 'SBIN', exchange: 'NSE', price: 800, lotSize: 1 },
      { symbol: future, exchange: 'NFO', price: 26_100, lotSize: 65, freezeQty: 1800 },
    ],
    optionChains: [{ underlying: 'NIFTY', underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries: [near, far], strikeStep: 50, strikesEachSide: 10, lotSize: 65 }],
    ...overrides,
  });
}
