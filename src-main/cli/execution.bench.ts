import { performance } from 'node:perf_hooks';
import { WallClock } from '#core/clock';
import { botId, intentId } from '#model/ids';
import { createOpenAlgoClient } from '#openalgo/client';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { TEST_CONFIG, TradingHarness } from '#engine/testing/trading-harness';

/**
 * The order path's own cost, beside the OpenAlgo simulator's order round trip measured in the same run:
 * - intent → risk (all sixteen checks) → intent and order written to SQLite → sent to the paper broker
 *   (a market order, so its fill, the fill's charges and the position fold are in it too), the store's WAL
 *   checkpoints on their own thread as in a booted terminal;
 * - `placeorder` to the OpenAlgo simulator over loopback HTTP through the terminal's OpenAlgo client;
 * - the kill switch: wall time from the press to a flat book with a straddle and an iron condor open.
 * Target: the kill switch flat in under one second, wall and engine time.
 */
const ORDERS = 300;
const KILLS = 5;
const BOT = botId('bench');
const CONFIG = {
  ...TEST_CONFIG,
  // Every round trip pays the spread and charges: loss limits out of the way of 300 orders.
  risk: {
    ...TEST_CONFIG.risk,
    dailyLoss: { limit: 1e9, action: 'reducing' as const, flatten: false },
    dayDrawdown: { limit: 1e9, action: 'reducing' as const, flatten: false },
    overallDrawdown: { limit: 1e9, action: 'halted' as const, flatten: false },
    bots: { bench: { capital: 1e9, maxPositions: 100, maxLots: 10_000, entryWindow: null } },
  },
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number): string => `${x.toFixed(3)} ms`;

async function paperPath(): Promise<number[]> {
  const h = await TradingHarness.open({ config: CONFIG, walCheckpointThread: true });
  const ce = h.option(0, 'CE');
  const times: number[] = [];
  try {
    for (let i = 0; i < ORDERS + 20; i++) {
      // 10 orders a second at most (the risk gate's SEBI limit): the engine clock moves between sends.
      await h.advance(101, 101);
      const intent = { kind: 'place', intentId: intentId(`bench-${i}`), botId: BOT, instrumentId: ce, side: i % 2 === 0 ? 'BUY' : 'SELL', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'bench' } as const;
      const t0 = performance.now();
      const r = await h.engine.trading.submit(intent);
      const t = performance.now() - t0;
      if (!r.ok) throw new Error(`bench order ${i} refused: ${r.error.message}`);
      if (i >= 20) times.push(t);
    }
  } finally {
    await h.close();
  }
  return times;
}

async function simRoundTrip(): Promise<number[]> {
  const sim = await startTestSim({ enforceRateLimits: false });
  const clock = new WallClock();
  const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock, rateLimits: { orders: { limit: 100_000, windowMs: 1000 } } });
  const times: number[] = [];
  try {
    for (let i = 0; i < ORDERS + 20; i++) {
      const t0 = performance.now();
      const r = await client.placeOrder({ strategy: 'bench', symbol: 'SBIN', exchange: 'NSE', action: i % 2 === 0 ? 'BUY' : 'SELL', quantity: 1, pricetype: 'MARKET', product: 'MIS', price: 0, trigger_price: 0 });
      const t = performance.now() - t0;
      if (!r.ok) throw new Error(`placeorder ${i} failed: ${r.error.message}`);
      if (i >= 20) times.push(t);
    }
  } finally {
    await sim.close();
  }
  return times;
}

async function killSwitch(): Promise<{ wall: number[]; engine: number[] }> {
  const wall: number[] = [];
  const engine: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    const h = await TradingHarness.open({ config: CONFIG });
    try {
      await h.submit(h.straddle());
      await h.submit(h.ironCondor());
      await h.advance(2000);
      const t0 = performance.now();
      const report = await h.engine.trading.kill('button');
      wall.push(performance.now() - t0);
      if (!report.flat) throw new Error(`kill switch run ${k} did not go flat: ${report.message}`);
      engine.push(report.engineMs);
    } finally {
      await h.close();
    }
  }
  return { wall, engine };
}

export default async function run(): Promise<boolean> {
  const paper = await paperPath();
  const sim = await simRoundTrip();
  const kill = await killSwitch();
  const p50 = pct(paper, 50);
  const s50 = pct(sim, 50);
  console.log(`intent → risk → written → paper broker (${paper.length} market orders, fill included): p50 ${ms(p50)}, p99 ${ms(pct(paper, 99))}`);
  console.log(`OpenAlgo simulator placeorder over loopback HTTP (${sim.length} orders): p50 ${ms(s50)}, p99 ${ms(pct(sim, 99))}`);
  console.log(`ratio: the terminal's order path takes ${(p50 / s50).toFixed(2)}× the simulator's round trip (p50)`);
  const wallMax = Math.max(...kill.wall);
  const engineMax = Math.max(...kill.engine);
  console.log(`kill switch, straddle + iron condor to flat (${KILLS} runs): wall p50 ${ms(pct(kill.wall, 50))}, max ${ms(wallMax)}; engine clock max ${engineMax} ms`);
  const met = wallMax < 1000 && engineMax < 1000;
  console.log(`target: flat in under 1 s (wall and engine clock): ${met ? 'met' : 'MISSED'}`);
  return met;
}
