import type { BarDto } from '#contract/dto';
import { createPriceChart } from '../charts/price-chart.ts';

/**
 * `npm run bench:ui` opens this page (built apart from the app) to time a long history into the real
 * chart adapter: `setBars` of N bars until the chart has drawn it (the chart draws in the next animation
 * frame, before ours runs), and the synchronous part alone. The result lands on `window.chartLoad`.
 */
declare global {
  interface Window {
    chartLoad?: { bars: number; runsMs: number[]; syncMs: number[] };
  }
}

function bars(n: number): BarDto[] {
  const out: BarDto[] = new Array<BarDto>(n);
  let close = 26_000;
  let seed = 12345;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const start = Date.UTC(2020, 0, 1, 3, 45);
  for (let i = 0; i < n; i++) {
    const open = close;
    close = open * (1 + (next() - 0.5) * 0.002);
    out[i] = { time: start + i * 60_000, open, high: Math.max(open, close) + next() * 5, low: Math.min(open, close) - next() * 5, close, volume: Math.floor(next() * 10_000), closed: true };
  }
  return out;
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function run(): Promise<void> {
  const n = Number(new URLSearchParams(window.location.search).get('bars') ?? 100_000);
  const data = bars(n);
  const el = document.getElementById('chart')!;
  const runsMs: number[] = [];
  const syncMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const chart = createPriceChart(el, 'dark');
    await frame();
    const t0 = performance.now();
    chart.setBars(data, false);
    syncMs.push(performance.now() - t0);
    await frame();
    runsMs.push(performance.now() - t0);
    chart.dispose();
    await frame();
  }
  window.chartLoad = { bars: n, runsMs, syncMs };
}

void run();
