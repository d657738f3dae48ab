import { WallClock } from '#core/clock';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { registerBrokerContract } from '#execution/testing/broker-contract';
import { contractHarness, openSimBroker, simCall } from './testing/harness.ts';
import type { OpenAlgoTradingMode } from './mode-guard.ts';

/**
 * The Broker contract for the OpenAlgo adapter, over real loopback HTTP against the OpenAlgo simulator,
 * live and in analyze mode. The simulator's market stands still (its feed never ticks), so a limit far
 * from the touch rests for the whole test.
 */
async function harness(mode: OpenAlgoTradingMode) {
  const clock = new WallClock();
  const feed = createSteadyFeed({ clock, seed: 3, intervalMs: 3_600_000, prices: {} });
  const sim = await startTestSim({ feed, analyze: mode === 'analyzer' }, clock);
  const { broker } = await openSimBroker(sim.host, mode, TEST_API_KEY);
  return contractHarness(sim, broker, simCall(sim, 'NIFTY', 26_000));
}

registerBrokerContract('openalgo (live) against the OpenAlgo simulator', () => harness('live'));
registerBrokerContract('openalgo-analyzer against the OpenAlgo simulator in analyze mode', () => harness('analyzer'));
