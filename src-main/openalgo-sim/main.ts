import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WallClock, type Clock } from '#core/clock';
import { istDateKey } from '#core/time-ist';
import { nseCalendar } from '#market/session-calendar';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { faultScriptSchema } from './faults.ts';
import type { SimInstrument, SimOptionChain } from './market.ts';
import { startOpenAlgoSim } from './server.ts';
import { ShiftedClock } from './shifted-clock.ts';

/**
 * `npm run openalgo:sim -- --port 5000 --ws-port 8765 --seed 1 --api-key KEY [--faults script.json]
 * [--analyze] [--real-time]`: an OpenAlgo stand-in backed by the project's market simulator. Outside
 * market hours it shifts time into the latest session (09:20 IST onward) unless --real-time is given.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5000' },
    'ws-port': { type: 'string', default: '8765' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    'api-key': { type: 'string', default: 'openalgo-sim-key' },
    faults: { type: 'string' },
    analyze: { type: 'boolean', default: false },
    'real-time': { type: 'boolean', default: false },
  },
});

function sessionClock(): Clock {
  if (values['real-time'] || nseCalendar.sessionAt(Date.now())) return new WallClock();
  const today = istDateKey(Date.now());
  const key = nseCalendar.sessionOn(today) && Date.now() < nseCalendar.sessionOn(today)!.open ? nseCalendar.previousTradingDay(today) : nseCalendar.sessionOn(today) ? today : nseCalendar.previousTradingDay(today);
  const start = nseCalendar.sessionOn(key)!.open + 5 * 60_000;
  return new ShiftedClock(start - Date.now());
}

const clock = sessionClock();
const seed = Number(values.seed);
const feed = createSimulatorFeed({ clock, seed, warmupSessions: 0 });
const level = new Map(UNDERLYINGS.map((u) => [u.name, u.level]));
const instruments: SimInstrument[] = feed.instruments().map((i) => ({
  symbol: i.symbol,
  exchange: i.exchange,
  price: i.kind === 'future' ? (level.get(i.underlying) ?? 100) : (level.get(i.symbol) ?? 14),
  lotSize: 'lotSize' in i ? i.lotSize : 1,
  tickSize: i.tickSize,
}));
const optionChains: SimOptionChain[] = feed.instruments().flatMap((i) => {
  if (i.kind !== 'future') return [];
  const spec = UNDERLYINGS.find((u) => u.name === i.underlying)!;
  const step = spec.level > 50_000 ? 100 : 50;
  const near = expiryCodeFromEpoch(i.expiry);
  const next = expiryCodeFromEpoch(i.expiry + 28 * 86_400_000);
  return [{ underlying: spec.name, underlyingExchange: spec.indexExchange, exchange: spec.futureExchange, expiries: [near, next], strikeStep: step, strikesEachSide: 20, lotSize: spec.lotSize }];
});

const sim = await startOpenAlgoSim({
  feed, clock, seed, instruments, optionChains, apiKey: values['api-key'], analyze: values.analyze,
  port: Number(values.port), wsPort: Number(values['ws-port']), host: values.host,
});
if (values.faults) sim.script(faultScriptSchema.parse(JSON.parse(readFileSync(values.faults, 'utf8'))));

process.stdout.write(
  [
    `OpenAlgo simulator (seed ${seed}${clock instanceof ShiftedClock ? ', time shifted into a trading session' : ''})`,
    `  REST      ${sim.host}   (API base ${sim.host}/api/v1)`,
    `  WebSocket ${sim.wsUrl}`,
    `  API key   ${values['api-key']}   (a simulator key, not a secret)`,
    `  Faults    POST ${sim.host}/sim/faults  e.g. {"kind":"drop-sockets"}`,
    `  Symbols   ${instruments.map((i) => `${i.exchange}:${i.symbol}`).join(', ')}`,
    '',
  ].join('\n'),
);

const shutdown = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
