import { createRandom } from '#core/random';
import { layoutOf, weightsOf, type DenseSlot, type Layout } from './layout.ts';
import { denseInputs, inputSize, type NetSpec, type NetWeights } from './net-spec.ts';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * A small network trained by hand in float64: forward, backward (backpropagation through the dense,
 * Conv1D and LSTM layers) and nothing else. tfjs's pure-JS backend trained the pattern CNN at about 200
 * samples a second here; this does thousands, so training runs in seconds on two shared cores. The maths
 * is tfjs's (layers, gate order, losses): `network.test.ts` holds the forward pass to tfjs with the same
 * weights and the gradients to finite differences, and the exporter's parity tests hold it to onnxruntime.
 */
export class Network {
  readonly spec: NetSpec;
  readonly layout: Layout;
  readonly params: Float64Array;
  /** Outputs of the last forward pass, per head (after the activation). */
  readonly out: Float64Array[];
  private readonly z: Float64Array[];
  private readonly acts: Float64Array[];
  private readonly pre: Float64Array[];
  private readonly convPre: Float64Array[];
  private readonly convOut: Float64Array[];
  private readonly lstm?: { i: Float64Array; f: Float64Array; g: Float64Array; o: Float64Array; c: Float64Array; h: Float64Array; tc: Float64Array; x: Float64Array };
  private readonly dActs: Float64Array[];
  private readonly dConv: Float64Array[];
  private readonly gates = new Float64Array(4);
  private readonly flatten: boolean;

  constructor(spec: NetSpec, params?: Float64Array) {
    this.spec = spec;
    this.layout = layoutOf(spec);
    this.flatten = spec.kind === 'cnn1d' && spec.pool === 'flatten';
    this.params = params ?? new Float64Array(this.layout.size);
    if (this.params.length !== this.layout.size) throw new RangeError(`${this.params.length} parameters for a network of ${this.layout.size}`);
    const l = this.layout;
    this.acts = [new Float64Array(denseInputs(spec)), ...l.hidden.map((d) => new Float64Array(d.units))];
    this.pre = l.hidden.map((d) => new Float64Array(d.units));
    this.z = l.heads.map((d) => new Float64Array(d.units));
    this.out = l.heads.map((d) => new Float64Array(d.units));
    this.dActs = this.acts.map((a) => new Float64Array(a.length));
    this.convPre = l.convs.map((c) => new Float64Array(c.stepsOut * c.filters));
    this.convOut = [new Float64Array(spec.kind === 'cnn1d' ? spec.steps * spec.channels : 0), ...l.convs.map((c) => new Float64Array(c.stepsOut * c.filters))];
    this.dConv = this.convOut.map((a) => new Float64Array(a.length));
    if (l.lstm) {
      const { steps: T, units: H, features: F } = l.lstm;
      this.lstm = { i: new Float64Array(T * H), f: new Float64Array(T * H), g: new Float64Array(T * H), o: new Float64Array(T * H), c: new Float64Array((T + 1) * H), h: new Float64Array((T + 1) * H), tc: new Float64Array(T * H), x: new Float64Array(T * F) };
    }
  }

  /** Glorot-uniform kernels from the seed, zero biases, LSTM forget-gate bias 1 (Keras's unit_forget_bias). */
  static init(spec: NetSpec, seed: number): Network {
    const net = new Network(spec);
    const rnd = createRandom(seed);
    const p = net.params;
    const glorot = (offset: number, size: number, fanIn: number, fanOut: number) => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = offset; i < offset + size; i++) p[i] = (rnd.next() * 2 - 1) * limit;
    };
    const l = net.layout;
    if (l.lstm) {
      const { features: F, units: H, kernel, recurrent, bias } = l.lstm;
      glorot(kernel.offset, kernel.size, F, 4 * H);
      glorot(recurrent.offset, recurrent.size, H, 4 * H);
      p.fill(1, bias.offset + H, bias.offset + 2 * H);
    }
    for (const c of l.convs) glorot(c.kernel.offset, c.kernel.size, c.kernelSize * c.channels, c.kernelSize * c.filters);
    for (const d of [...l.hidden, ...l.heads]) glorot(d.kernel.offset, d.kernel.size, d.inputs, d.units);
    return net;
  }

  /** Rounds every parameter to float32, so this network computes with exactly the exported weights. */
  roundToFloat32(): void {
    for (let i = 0; i < this.params.length; i++) this.params[i] = Math.fround(this.params[i]!);
  }

  weights(): NetWeights {
    return weightsOf(this.layout, this.params);
  }

  /** One sample at `offset` of `x` (flat, the feature set's layout); results in `out`. */
  forward(x: ArrayLike<number>, offset: number): void {
    const p = this.params;
    const l = this.layout;
    const a0 = this.acts[0]!;
    if (l.lstm) this.forwardLstm(x, offset, a0);
    else if (l.convs.length > 0) this.forwardConv(x, offset, a0);
    else for (let k = 0; k < a0.length; k++) a0[k] = x[offset + k]!;
    l.hidden.forEach((d, i) => {
      const pre = this.pre[i]!;
      dense(p, d, this.acts[i]!, pre);
      const act = this.acts[i + 1]!;
      for (let u = 0; u < d.units; u++) act[u] = pre[u]! > 0 ? pre[u]! : 0;
    });
    const last = this.acts[this.acts.length - 1]!;
    l.heads.forEach((d, k) => {
      const z = this.z[k]!;
      const out = this.out[k]!;
      dense(p, d, last, z);
      if (d.head.activation === 'sigmoid') for (let u = 0; u < d.units; u++) out[u] = sigmoid(z[u]!);
      else if (d.head.activation === 'softmax') {
        let max = -Infinity;
        for (let u = 0; u < d.units; u++) max = Math.max(max, z[u]!);
        let sum = 0;
        for (let u = 0; u < d.units; u++) sum += out[u] = Math.exp(z[u]! - max);
        for (let u = 0; u < d.units; u++) out[u]! /= sum;
      } else out.set(z);
    });
  }

  /**
   * Adds this sample's gradient (after `forward` on it) to `grad` and returns its loss: per head the
   * mean squared error (linear), binary cross-entropy (sigmoid) or categorical cross-entropy (softmax),
   * summed over heads as tfjs sums the losses of a multi-output model.
   */
  backward(targets: readonly ArrayLike<number>[], row: number, grad: Float64Array): number {
    const p = this.params;
    const l = this.layout;
    let loss = 0;
    for (const d of this.dActs) d.fill(0);
    const last = this.acts.length - 1;
    l.heads.forEach((d, k) => {
      const out = this.out[k]!;
      const y = targets[k]!;
      const dz = this.z[k]!;
      for (let u = 0; u < d.units; u++) {
        const t = y[row * d.units + u]!;
        const o = out[u]!;
        if (d.head.activation === 'linear') {
          loss += (o - t) ** 2 / d.units;
          dz[u] = (2 * (o - t)) / d.units;
        } else if (d.head.activation === 'sigmoid') {
          const q = Math.min(1 - 1e-7, Math.max(1e-7, o));
          loss -= (t * Math.log(q) + (1 - t) * Math.log(1 - q)) / d.units;
          dz[u] = (o - t) / d.units;
        } else {
          if (t > 0) loss -= t * Math.log(Math.max(1e-7, o));
          dz[u] = o - t;
        }
      }
      denseBack(p, d, this.acts[last]!, dz, grad, this.dActs[last]!);
    });
    for (let i = l.hidden.length - 1; i >= 0; i--) {
      const d = l.hidden[i]!;
      const da = this.dActs[i + 1]!;
      const pre = this.pre[i]!;
      for (let u = 0; u < d.units; u++) if (!(pre[u]! > 0)) da[u] = 0;
      denseBack(p, d, this.acts[i]!, da, grad, this.dActs[i]!);
    }
    if (l.lstm) this.backLstm(grad);
    else if (l.convs.length > 0) this.backConv(grad);
    return loss;
  }

  /** Outputs for `n` samples, one array per head ([n, units]). */
  predict(x: ArrayLike<number>, n: number): Float32Array[] {
    const size = inputSize(this.spec);
    const res = this.layout.heads.map((d) => new Float32Array(n * d.units));
    for (let r = 0; r < n; r++) {
      this.forward(x, r * size);
      res.forEach((o, k) => o.set(this.out[k]!, r * this.out[k]!.length));
    }
    return res;
  }

  private forwardConv(x: ArrayLike<number>, offset: number, pooled: Float64Array): void {
    const p = this.params;
    const input = this.convOut[0]!;
    for (let k = 0; k < input.length; k++) input[k] = x[offset + k]!;
    this.layout.convs.forEach((c, j) => {
      const src = this.convOut[j]!;
      const pre = this.convPre[j]!;
      const dst = this.convOut[j + 1]!;
      const W = c.kernel.offset;
      const B = c.bias.offset;
      for (let t = 0; t < c.stepsOut; t++) {
        for (let f = 0; f < c.filters; f++) {
          let s = p[B + f]!;
          for (let k = 0; k < c.kernelSize; k++) {
            const row = (t + k) * c.channels;
            const wRow = W + k * c.channels * c.filters + f;
            for (let ch = 0; ch < c.channels; ch++) s += src[row + ch]! * p[wRow + ch * c.filters]!;
          }
          pre[t * c.filters + f] = s;
          dst[t * c.filters + f] = s > 0 ? s : 0;
        }
      }
    });
    const lastConv = this.layout.convs.at(-1)!;
    const out = this.convOut[this.convOut.length - 1]!;
    if (this.flatten) {
      pooled.set(out);
      return;
    }
    pooled.fill(0);
    for (let t = 0; t < lastConv.stepsOut; t++) for (let f = 0; f < lastConv.filters; f++) pooled[f]! += out[t * lastConv.filters + f]! / lastConv.stepsOut;
  }

  private backConv(grad: Float64Array): void {
    const p = this.params;
    const convs = this.layout.convs;
    const lastConv = convs.at(-1)!;
    const dPooled = this.dActs[0]!;
    const dLast = this.dConv[convs.length]!;
    if (this.flatten) dLast.set(dPooled);
    else for (let t = 0; t < lastConv.stepsOut; t++) for (let f = 0; f < lastConv.filters; f++) dLast[t * lastConv.filters + f] = dPooled[f]! / lastConv.stepsOut;
    for (let j = convs.length - 1; j >= 0; j--) {
      const c = convs[j]!;
      const dOut = this.dConv[j + 1]!;
      const pre = this.convPre[j]!;
      for (let k = 0; k < dOut.length; k++) if (!(pre[k]! > 0)) dOut[k] = 0;
      const src = this.convOut[j]!;
      const dSrc = this.dConv[j]!;
      dSrc.fill(0);
      const W = c.kernel.offset;
      const B = c.bias.offset;
      for (let t = 0; t < c.stepsOut; t++) {
        for (let f = 0; f < c.filters; f++) {
          const g = dOut[t * c.filters + f]!;
          if (g === 0) continue;
          grad[B + f]! += g;
          for (let k = 0; k < c.kernelSize; k++) {
            const row = (t + k) * c.channels;
            const wRow = W + k * c.channels * c.filters + f;
            for (let ch = 0; ch < c.channels; ch++) {
              grad[wRow + ch * c.filters]! += src[row + ch]! * g;
              dSrc[row + ch]! += p[wRow + ch * c.filters]! * g;
            }
          }
        }
      }
    }
  }

  private forwardLstm(x: ArrayLike<number>, offset: number, hLast: Float64Array): void {
    const p = this.params;
    const s = this.lstm!;
    const { steps: T, features: F, units: H, kernel, recurrent, bias } = this.layout.lstm!;
    const G = 4 * H;
    const zs = this.gates;
    for (let k = 0; k < T * F; k++) s.x[k] = x[offset + k]!;
    s.c.fill(0, 0, H);
    s.h.fill(0, 0, H);
    for (let t = 0; t < T; t++) {
      for (let u = 0; u < H; u++) {
        for (let gate = 0; gate < 4; gate++) {
          const col = gate * H + u;
          let z = p[bias.offset + col]!;
          for (let f = 0; f < F; f++) z += s.x[t * F + f]! * p[kernel.offset + f * G + col]!;
          for (let k = 0; k < H; k++) z += s.h[t * H + k]! * p[recurrent.offset + k * G + col]!;
          zs[gate] = z;
        }
        const i = sigmoid(zs[0]!);
        const f = sigmoid(zs[1]!);
        const g = Math.tanh(zs[2]!);
        const o = sigmoid(zs[3]!);
        const c = f * s.c[t * H + u]! + i * g;
        const tc = Math.tanh(c);
        s.i[t * H + u] = i;
        s.f[t * H + u] = f;
        s.g[t * H + u] = g;
        s.o[t * H + u] = o;
        s.tc[t * H + u] = tc;
        s.c[(t + 1) * H + u] = c;
        s.h[(t + 1) * H + u] = o * tc;
      }
    }
    for (let u = 0; u < H; u++) hLast[u] = s.h[T * H + u]!;
  }

  private backLstm(grad: Float64Array): void {
    const p = this.params;
    const s = this.lstm!;
    const { steps: T, features: F, units: H, kernel, recurrent, bias } = this.layout.lstm!;
    const G = 4 * H;
    const dh = Float64Array.from(this.dActs[0]!);
    const dc = new Float64Array(H);
    const dz = new Float64Array(G);
    for (let t = T - 1; t >= 0; t--) {
      for (let u = 0; u < H; u++) {
        const k = t * H + u;
        const i = s.i[k]!;
        const f = s.f[k]!;
        const g = s.g[k]!;
        const o = s.o[k]!;
        const tc = s.tc[k]!;
        const dcu = dc[u]! + dh[u]! * o * (1 - tc * tc);
        dz[u] = dcu * g * i * (1 - i);
        dz[H + u] = dcu * s.c[t * H + u]! * f * (1 - f);
        dz[2 * H + u] = dcu * i * (1 - g * g);
        dz[3 * H + u] = dh[u]! * tc * o * (1 - o);
        dc[u] = dcu * f;
      }
      for (let col = 0; col < G; col++) {
        const d = dz[col]!;
        grad[bias.offset + col]! += d;
        for (let f = 0; f < F; f++) grad[kernel.offset + f * G + col]! += s.x[t * F + f]! * d;
        for (let k = 0; k < H; k++) grad[recurrent.offset + k * G + col]! += s.h[t * H + k]! * d;
      }
      for (let k = 0; k < H; k++) {
        let sum = 0;
        for (let col = 0; col < G; col++) sum += p[recurrent.offset + k * G + col]! * dz[col]!;
        dh[k] = sum;
      }
    }
  }
}

function dense(p: Float64Array, d: DenseSlot, x: Float64Array, out: Float64Array): void {
  const W = d.kernel.offset;
  for (let u = 0; u < d.units; u++) {
    let s = p[d.bias.offset + u]!;
    for (let k = 0; k < d.inputs; k++) s += x[k]! * p[W + k * d.units + u]!;
    out[u] = s;
  }
}

/** Adds dL/dW and dL/db, and dL/dx to `dx`. */
function denseBack(p: Float64Array, d: DenseSlot, x: Float64Array, dz: Float64Array, grad: Float64Array, dx: Float64Array): void {
  const W = d.kernel.offset;
  for (let u = 0; u < d.units; u++) {
    const g = dz[u]!;
    grad[d.bias.offset + u]! += g;
    for (let k = 0; k < d.inputs; k++) {
      grad[W + k * d.units + u]! += x[k]! * g;
      dx[k]! += p[W + k * d.units + u]! * g;
    }
  }
}
