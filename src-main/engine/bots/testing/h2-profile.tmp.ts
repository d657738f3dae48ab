import { performance } from 'node:perf_hooks';
import { BotDay, SHIPPED_MODELS } from './bot-day.ts';

const minutes = Number(process.argv[2] ?? 375);
const d = await BotDay.start({ day: '2026-11-25', seed: 8, session: 'bench', underlyings: ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX'], shippedModels: SHIPPED_MODELS });
const flushes: number[] = [];
const slow: string[] = [];
d.engine.botManager.onFlushed((r) => { if (r.hooks > 0) { flushes.push(r.wallMs); slow.push(`${r.wallMs.toFixed(2)} ms min ${(d.clock.now() - d.open) / 60000} bars ${r.bars} hooks ${r.hooks}`); } });
d.startBots();
const t0 = performance.now();
await d.runTo(minutes);
const wall = performance.now() - t0;
await d.close();
const s = [...flushes].sort((a, b) => a - b);
const p = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
console.log(`day ${(wall / 1000).toFixed(1)} s, ${s.length} instants: p50 ${(p(0.5) * 1000).toFixed(0)} µs p90 ${(p(0.9) * 1000).toFixed(0)} µs p99 ${(p(0.99) * 1000).toFixed(0)} µs max ${(s.at(-1)! * 1000).toFixed(0)} µs sum ${s.reduce((a, b) => a + b, 0).toFixed(0)} ms`);

console.log(slow.sort((a, b) => parseFloat(b) - parseFloat(a)).slice(0, 25).join('\n'));
