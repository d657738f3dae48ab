import { TrueRange, trueRangeOf } from './src-main/indicators/true-range.ts';
import { randomBars } from './src-main/indicators/testing/random-bars.ts';
const N = 1_000_000;
const { cols } = randomBars(N, 42);
const out = new Float64Array(N);
function cpu() { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; }
function ms(fn: () => void): number { for (let w = 0; w < 20; w++) fn(); let best = 1e9; for (let r = 0; r < 5; r++) { const t = cpu(); for (let k = 0; k < 10; k++) fn(); best = Math.min(best, (cpu() - t) / 10); } return best; }
function trPos(H: Float64Array, L: Float64Array, C: Float64Array, o: Float64Array, from: number, to: number) { let pc = C[from - 1]!; for (let i = from; i < to; i++) { const hh = H[i]!, ll = L[i]!; const up = hh - pc, dn = pc - ll; o[i] = (pc + (up + Math.abs(up)) * 0.5) - (pc - (dn + Math.abs(dn)) * 0.5); pc = C[i]!; } return 0; }
function trPosF(H: Float64Array, L: Float64Array, C: Float64Array, o: Float64Array, from: number, to: number) { let pc = C[from - 1]!; let i = from; for (; i < to; i++) { const r = trueRangeOf(H[i]!, L[i]!, pc); o[i] = r; if (r - r !== 0) break; pc = C[i]!; } return i; }
console.log('pos', ms(() => { for (let i = 1; i < N; i += 1024) trPos(cols.high, cols.low, cols.close, out, i, Math.min(N, i + 1024)); }).toFixed(2));
console.log('posF', ms(() => { for (let i = 1; i < N; i += 1024) trPosF(cols.high, cols.low, cols.close, out, i, Math.min(N, i + 1024)); }).toFixed(2));
console.log('fold', ms(() => new TrueRange().fold(cols, out)).toFixed(2));
function trPos2(H: Float64Array, L: Float64Array, C: Float64Array, o: Float64Array, from: number, to: number) { let pc = C[from - 1]!; let i = from; let bad = 0; for (; i + 1 < to; i += 2) { const r = trueRangeOf(H[i]!, L[i]!, pc); const c1 = C[i]!; const r2 = trueRangeOf(H[i + 1]!, L[i + 1]!, c1); o[i] = r; o[i + 1] = r2; if (r - r + (r2 - r2) !== 0) break; pc = C[i + 1]!; } return i; }
console.log('pos2', ms(() => { for (let i = 1; i < N; i += 1024) trPos2(cols.high, cols.low, cols.close, out, i, Math.min(N, i + 1024)); }).toFixed(2));
