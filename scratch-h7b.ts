import { WilliamsR } from './src-main/indicators/williams-r.ts';
import { ExtremesScratch, windowExtremes } from './src-main/indicators/rolling-max.ts';
import { randomBars } from './src-main/indicators/testing/random-bars.ts';
const N = 1_000_000;
const { cols } = randomBars(N, 42);
const out = new Float64Array(N);
function cpu() { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; }
function ms(fn: () => void): number { for (let w = 0; w < 20; w++) fn(); let best = 1e9; for (let r = 0; r < 5; r++) { const t = cpu(); for (let k = 0; k < 10; k++) fn(); best = Math.min(best, (cpu() - t) / 10); } return best; }
const ext = new ExtremesScratch(1024, 14);
console.log('extremes only', ms(() => { for (let i = 13; i < N; i += 1024) windowExtremes(cols.high, cols.low, 14, i, Math.min(N, i + 1024), ext); }).toFixed(2));
console.log('willr fold', ms(() => new WilliamsR(14).fold(cols, out)).toFixed(2));
function wmax(xs: Float64Array, sign: number, span: number, from: number, to: number, out: Float64Array, pre: Float64Array, suf: Float64Array, kind: number) {
  const base = from - span + 1; const len = to - base;
  const mx = kind === 0 ? Math.max : kind === 1 ? (a: number, b: number) => { const k = +(a > b); return a * k + b * (1 - k); } : (a: number, b: number) => { const d = a - b; return b + (d + Math.abs(d)) * 0.5; };
  let m = 0;
  for (let j = 0, k = 0; j < len; j++, k++) { const x = sign * xs[base + j]!; if (k === span) k = 0; m = k === 0 ? x : mx(m, x); pre[j] = m; }
  for (let j = len - 1, k = (len - 1) % span; j >= 0; j--, k--) { const x = sign * xs[base + j]!; m = k === span - 1 || j === len - 1 ? x : mx(m, x); suf[j] = m; if (k === 0) k = span; }
  for (let i = 0; i < to - from; i++) out[i] = sign * mx(suf[i]!, pre[i + span - 1]!);
}
for (const span of [5, 14]) for (const kind of [0, 1, 2]) {
  const pre = new Float64Array(1024 + span), suf = new Float64Array(1024 + span);
  console.log(span, kind, ms(() => { for (let i = span; i < N; i += 1024) { wmax(cols.high, 1, span, i, Math.min(N, i + 1024), ext.hh, pre, suf, kind); wmax(cols.low, -1, span, i, Math.min(N, i + 1024), ext.ll, pre, suf, kind); } }).toFixed(2));
}
function wmaxAbs(xs: Float64Array, sign: number, span: number, from: number, to: number, out: Float64Array, pre: Float64Array, suf: Float64Array) {
  const base = from - span + 1; const len = to - base;
  for (let b = 0; b < len; b += span) {
    const e = Math.min(len, b + span);
    let m = sign * xs[base + b]!; pre[b] = m;
    for (let j = b + 1; j < e; j++) { const x = sign * xs[base + j]!; const d = x - m; m = m + (d + Math.abs(d)) * 0.5; pre[j] = m; }
    m = sign * xs[base + e - 1]!; suf[e - 1] = m;
    for (let j = e - 2; j >= b; j--) { const x = sign * xs[base + j]!; const d = x - m; m = m + (d + Math.abs(d)) * 0.5; suf[j] = m; }
  }
  for (let i = 0; i < to - from; i++) { const a = suf[i]!, c = pre[i + span - 1]!; const d = a - c; out[i] = sign * (c + (d + Math.abs(d)) * 0.5); }
}
function wmaxMM(xs: Float64Array, sign: number, span: number, from: number, to: number, out: Float64Array, pre: Float64Array, suf: Float64Array) {
  const base = from - span + 1; const len = to - base;
  for (let b = 0; b < len; b += span) {
    const e = Math.min(len, b + span);
    let m = sign * xs[base + b]!; pre[b] = m;
    for (let j = b + 1; j < e; j++) { m = Math.max(m, sign * xs[base + j]!); pre[j] = m; }
    m = sign * xs[base + e - 1]!; suf[e - 1] = m;
    for (let j = e - 2; j >= b; j--) { m = Math.max(m, sign * xs[base + j]!); suf[j] = m; }
  }
  for (let i = 0; i < to - from; i++) out[i] = sign * Math.max(suf[i]!, pre[i + span - 1]!);
}
for (const span of [5, 14]) for (const [name, f] of [['abs', wmaxAbs], ['mm', wmaxMM]] as const) {
  const pre = new Float64Array(1024 + span), suf = new Float64Array(1024 + span);
  console.log(span, name, ms(() => { for (let i = span; i < N; i += 1024) { f(cols.high, 1, span, i, Math.min(N, i + 1024), ext.hh, pre, suf); f(cols.low, -1, span, i, Math.min(N, i + 1024), ext.ll, pre, suf); } }).toFixed(2));
}
