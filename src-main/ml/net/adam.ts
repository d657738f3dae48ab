/** Adam with tfjs's defaults (β1 0.9, β2 0.999, ε 1e-7), over a flat parameter vector. */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly lr: number;

  constructor(size: number, learningRate: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.lr = learningRate;
  }

  /** One step with the mean gradient `grad` (left as is). */
  step(params: Float64Array, grad: Float64Array): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]!;
      const m = (this.m[i] = b1 * this.m[i]! + (1 - b1) * g);
      const v = (this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g);
      params[i]! -= (this.lr * (m / c1)) / (Math.sqrt(v / c2) + 1e-7);
    }
  }
}
