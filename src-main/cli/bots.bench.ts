import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient } from '#openalgo/client';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { BOT_IDS, BotDay, SHIPPED_MODELS } from '#engine/bots/testing/bot-day';
import type { FlushPhases } from '#engine/bots/bot-event-loop';

/**
 * The bots' cost, in one run, with the shipped ML models loaded as a terminal runs them:
 * - tick to intent, two figures: a plain tick (one that closes no bar: the bots' share of its handling),
 *   and each closed-bar instant, the wall time from the bars of that instant to every bot's hooks having
 *   run and their intents being handed to the order manager (studies, the ML batch, contexts, chains
 *   priced on request, signals stored in one transaction), with all four bots on NIFTY and BANKNIFTY on
 *   a full simulated day (thresholds lowered so that every bot trades), and the process's CPU time of
 *   each instant beside its wall time (on a loaded machine the wall time's tail is other programs); the
 *   p99 over both kinds together; where each instant's wall time went (studies, the ML batch, the hooks,
 *   the store's commit; the WAL checkpoints on their own thread as in a booted terminal); beside them the
 *   OpenAlgo simulator's `placeorder` round trip over loopback HTTP. Target: p99 < 100 µs, judged on each
 *   kind apart.
 * - a whole simulated day (25 Nov 2026, seed 8, the four simulated indices) at full speed with the four
 *   bots running, as a ratio to the same day with none, in process CPU time (judged) and wall time.
 *   Target: ≤ 2×. Each day runs twice, the faster kept.
 * - what the four do on their default parameters on the default-parameter day test's day (not timed).
 */
const ORDERS = 300;
const DAY = { day: '2026-11-25', seed: 8, session: 'bench', underlyings: ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX'] } as const;

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
/** The largest (a spread of hundreds of thousands of figures would overflow the stack). */
const max = (xs: readonly number[]): number => xs.reduce((m, x) => (x > m ? x : m), Number.NEGATIVE_INFINITY);
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const PHASES: readonly [keyof FlushPhases, string][] = [
  ['studiesMs', 'studies'],
  ['modelsMs', 'ML batch'],
  ['hooksMs', "bots' hooks (contexts, chains, signals and state written, intents handed on)"],
  ['commitMs', 'store commit'],
];
const phaseLine = (phases: readonly FlushPhases[]): string => PHASES.map(([k, name]) => `${name} ${us(pct(phases.map((p) => p[k]), 50))} / ${us(pct(phases.map((p) => p[k]), 99))}`).join('; ');
const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');

interface DayRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly flushes: number[];
  readonly flushCpu: number[];
  /** Wall times of the instants ending a 5-minute bar (most bots evaluate on it, and the ML batch runs). */
  readonly fiveMinute: number[];
  readonly otherMinutes: number[];
  /** Where each instant's wall time went, by kind as above. */
  readonly fivePhases: FlushPhases[];
  readonly otherPhases: FlushPhases[];
  readonly ticks: number[];
  readonly evaluations: number;
  readonly fills: number;
}

async function simulatedDay(bots: boolean): Promise<DayRun> {
  const d = await BotDay.start({ ...DAY, shippedModels: SHIPPED_MODELS, walCheckpointThread: true });
  const flushes: number[] = [];
  const flushCpu: number[] = [];
  const fiveMinute: number[] = [];
  const otherMinutes: number[] = [];
  const fivePhases: FlushPhases[] = [];
  const otherPhases: FlushPhases[] = [];
  const ticks: number[] = [];
  // The engine hands every live tick to the bot manager's onTick: timed here, at the call the engine makes.
  const manager = d.engine.botManager;
  const onTick = manager.onTick;
  manager.onTick = (tick) => {
    const t0 = performance.now();
    onTick(tick);
    ticks.push(performance.now() - t0);
  };
  let evaluations = 0;
  d.engine.botManager.onFlushed((r) => {
    if (r.hooks === 0) return;
    flushes.push(r.wallMs);
    flushCpu.push(r.cpuMs);
    const five = d.clock.now() % 300_000 === 0;
    (five ? fiveMinute : otherMinutes).push(r.wallMs);
    if (r.phases) (five ? fivePhases : otherPhases).push(r.phases);
    evaluations += r.hooks;
  });
  try {
    if (bots) d.startBots();
    const t0 = performance.now();
    const c0 = cpuMs();
    await d.runTo(375);
    return { wallMs: performance.now() - t0, cpuMs: cpuMs() - c0, flushes, flushCpu, fiveMinute, otherMinutes, fivePhases, otherPhases, ticks, evaluations, fills: d.engine.trading.fills().length };
  } finally {
    await d.close();
  }
}

/**
 * What the bots do on their defaults on the full-day test's default day (seed 4, NIFTY and BANKNIFTY, the
 * shipped models): per bot, orders filled, signals taken and filtered, and the best combined score.
 */
async function defaultsDay(): Promise<string[]> {
  const d = await BotDay.start({ day: '2026-11-25', seed: 4, session: 'bench', shippedModels: SHIPPED_MODELS });
  try {
    d.startBots({});
    await d.runTo(375);
    const signals = d.engine.signals(100_000);
    const orders = d.engine.trading.orders();
    return BOT_IDS.map((id) => {
      const mine = signals.filter((s) => s.botId === id);
      const best = Math.max(0, ...mine.map((s) => s.scores.combined ?? 0));
      const filled = orders.filter((r) => r.order.botId === id && r.order.filledQuantity > 0).length;
      return `${id}: ${filled} orders filled, ${mine.filter((s) => s.decision.kind === 'taken').length} signals taken, ${mine.filter((s) => s.decision.kind === 'filtered').length} filtered, best combined score ${best.toFixed(3)}`;
    });
  } finally {
    await d.close();
  }
}

async function simRoundTrip(): Promise<number[]> {
  const sim = await startTestSim({ enforceRateLimits: false });
  const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock(), rateLimits: { orders: { limit: 100_000, windowMs: 1000 } } });
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

export default async function run(): Promise<boolean> {
  console.log(`load average at the start (1, 5, 15 min): ${load()} on ${os.availableParallelism()} cores`);
  const quiet = [await simulatedDay(false)];
  const busy = [await simulatedDay(true)];
  quiet.push(await simulatedDay(false));
  busy.push(await simulatedDay(true));
  const sim = await simRoundTrip();
  const flushes = busy.flatMap((b) => b.flushes);
  const flushCpu = busy.flatMap((b) => b.flushCpu);
  const ticks = busy.flatMap((b) => b.ticks);
  const p99 = pct(flushes, 99);
  const tickP99 = pct(ticks, 99);
  const all = [...ticks, ...flushes];
  const combinedP99 = pct(all, 99);
  console.log(`tick to intent, a plain tick (no bar closes; ${ticks.length} ticks): p50 ${us(pct(ticks, 50))}, p99 ${us(tickP99)}, max ${us(max(ticks))}`);
  console.log(
    `tick to intent, a closed-bar instant, four bots on NIFTY and BANKNIFTY (${flushes.length} instants, ${busy[0]!.evaluations} hook calls a day): wall p50 ${us(pct(flushes, 50))}, p99 ${us(p99)}, max ${us(max(flushes))}; process CPU p50 ${us(pct(flushCpu, 50))}, p99 ${us(pct(flushCpu, 99))}`,
  );
  const five = busy.flatMap((b) => b.fiveMinute);
  const rest = busy.flatMap((b) => b.otherMinutes);
  console.log(`  ending a 5-minute bar (${five.length}): wall p50 ${us(pct(five, 50))}, p99 ${us(pct(five, 99))}; the others (${rest.length}): p50 ${us(pct(rest, 50))}, p99 ${us(pct(rest, 99))}`);
  console.log(`  where the wall time goes, p50 / p99 of each part:`);
  const fivePhases = busy.flatMap((b) => b.fivePhases);
  console.log(`    ending a 5-minute bar: ${phaseLine(fivePhases)}`);
  console.log(`    the others: ${phaseLine(busy.flatMap((b) => b.otherPhases))}`);
  // What runs before any bot's hook can form an intent: the studies the bots read and the ML batch the
  // validator's combined score reads. Where more than 1 % of all instants spend over 100 µs there, no speed
  // of the bots' own code can bring the closed-bar p99 under the target.
  const before = fivePhases.map((p) => p.studiesMs + p.modelsMs);
  const over = before.filter((t) => t > 0.1).length;
  console.log(
    `  before the first hook of a 5-minute instant (studies and ML batch, ${before.length} instants): p50 ${us(pct(before, 50))}, p99 ${us(pct(before, 99))}; over 100 µs in ${over} of them, ${((over / flushes.length) * 100).toFixed(1)} % of all closed-bar instants (${over / flushes.length > 0.01 ? 'over 1 %: the closed-bar p99 cannot go under 100 µs whatever the bots cost' : 'under 1 %'})`,
  );
  const share = (flushes.length / all.length) * 100;
  console.log(
    `tick to intent, both together (${all.length} events, ${share.toFixed(2)} % of them closed-bar instants): p99 ${us(combinedP99)}, p99.9 ${us(pct(all, 99.9))}: the p99 is a plain tick's, as fewer than 1 % of events close a bar`,
  );
  console.log(`OpenAlgo simulator placeorder over loopback HTTP (${sim.length} orders): p50 ${us(pct(sim, 50))}, p99 ${us(pct(sim, 99))}`);
  const latencyMet = p99 < 0.1 && tickP99 < 0.1;
  console.log(`target: tick to intent p99 < 100 µs: plain ticks ${tickP99 < 0.1 ? 'met' : 'MISSED'}, closed-bar instants ${p99 < 0.1 ? 'met' : 'MISSED'}`);
  const quietMs = Math.min(...quiet.map((q) => q.wallMs));
  const busyMs = Math.min(...busy.map((b) => b.wallMs));
  const ratio = busyMs / quietMs;
  const cpuRatio = Math.min(...busy.map((b) => b.cpuMs)) / Math.min(...quiet.map((q) => q.cpuMs));
  console.log(
    `one simulated day (09:15–15:30, four indices) at full speed: process CPU ${cpuRatio.toFixed(2)}× the day without bots; wall no bots ${(quietMs / 1000).toFixed(1)} s, four bots ${(busyMs / 1000).toFixed(1)} s (${busy[0]!.fills} fills): ${ratio.toFixed(2)}×`,
  );
  // Judged on CPU time: on a shared machine the wall ratio measures the other programs as much as the bots.
  const dayMet = cpuRatio <= 2;
  console.log(`target: a day with the four bots ≤ 2× the same day without (process CPU): ${dayMet ? 'met' : 'MISSED'}${ratio > 2 ? ` (the wall ratio, ${ratio.toFixed(2)}×, is over)` : ''}`);
  console.log(`load average at the end: ${load()}`);
  console.log('on their default parameters (25 Nov 2026, seed 4, NIFTY and BANKNIFTY, shipped models):');
  for (const line of await defaultsDay()) console.log(`  ${line}`);
  return latencyMet && dayMet;
}
