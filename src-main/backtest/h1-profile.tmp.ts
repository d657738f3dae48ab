import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BOT_DEFINITIONS, type AnyBotDefinition } from '#engine/bots/definitions';
import { recordSimulatorHistory } from './record-history.ts';
import { runBacktest } from './run-backtest.ts';

const from = process.argv[2] ?? '2026-11-16';
const to = process.argv[3] ?? '2026-11-20';
const which = process.argv[4] ?? 'simple';
const file = `/tmp/h1/history-${from}-${to}.sqlite`;
if (!fs.existsSync(file)) await recordSimulatorHistory({ file, seed: 8, from, to, underlyings: ['NIFTY', 'BANKNIFTY'] });
const data = { kind: 'history' as const, database: file };
const still: AnyBotDefinition = { ...BOT_DEFINITIONS['momentum-rider'], requirements: () => ({ instruments: [], series: [{ instrumentId: 'NSE_INDEX:NIFTY' as never, timeframe: '1m', bars: 20 }], indicators: [], priceAction: [], chains: [], ivHistory: [] }), hooks: { onBar: () => ({ intents: [], signals: [] }) } };
const t0 = performance.now(); const c0 = process.cpuUsage();
const r = which === 'simple'
  ? await runBacktest({ bots: [{ id: 'momentum-rider', params: {} }], underlyings: ['NIFTY'], from, to, data, warmupSessions: 0 }, { botDefinitions: { 'momentum-rider': still }, workDir: '/tmp/h1' })
  : await runBacktest({ bots: [{ id: 'short-straddle' }, { id: 'iron-condor' }, { id: 'volatility-expander' }, { id: 'momentum-rider' }], underlyings: ['NIFTY', 'BANKNIFTY'], from, to, data, warmupSessions: 0 }, { workDir: '/tmp/h1' });
const c = process.cpuUsage(c0);
if (!r.ok) throw new Error(r.error.message);
const cpu = (c.user + c.system) / 1e6;
console.log(which, r.value.bars, 'bars', (performance.now() - t0).toFixed(0), 'ms wall', cpu.toFixed(2), 's cpu', Math.round(r.value.bars / cpu), 'bars/s', 'trades', r.value.trades.length, 'rss', Math.round(process.resourceUsage().maxRSS / 1024));
void path;
console.log('steps', (globalThis as any).H1S, 'settles', (globalThis as any).H1T);
